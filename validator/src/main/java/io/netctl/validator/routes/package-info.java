/**
 * Route checks: pools in route reflectors' tables (from netctl's monitor sessions), in a node's
 * kernel table, and in an LVS director's kernel table (the director rules of the lvs module).
 */
package io.netctl.validator.routes;
