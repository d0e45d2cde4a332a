/**
 * Option mixins shared by the commands: configuration ({@code --config}), datastore ({@code --store},
 * {@code --etcd-*}), output format ({@code -o}), durations, listening addresses and netctl's monitor
 * sessions ({@code --monitor-*}) and BGP password files ({@code --password-file}).
 */
package io.netctl.cli.options;
