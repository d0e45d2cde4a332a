/**
 * Commands of the BGP area: {@code netctl bgp plan|apply|show|render-rr} (Calico's BGP
 * configuration, planned by {@code io.netctl.bgp.calico}) and the route monitor and BMP collector
 * ({@code netctl bgp routes|watch}, {@code netctl bmp listen}) over the speaker in {@code
 * io.netctl.bgp.session} and {@code io.netctl.bgp.bmp}.
 */
package io.netctl.cli.bgp;
