/**
 * End-to-end tests across modules: the {@code netctl} jar as operators run it, against real etcd,
 * BIRD and the kernel's routing tables in network namespaces the tests create and remove.
 */
package io.netctl.e2e;
