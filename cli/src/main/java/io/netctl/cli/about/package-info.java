/**
 * Commands about netctl itself rather than the network: {@code netctl help [COMMAND...]}, {@code
 * netctl version} and {@code netctl completion bash|zsh}.
 */
package io.netctl.cli.about;
