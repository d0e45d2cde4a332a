/** The checker's benchmark, run by {@code bench/check-5000.sh} (not part of the test suite). */
package io.netctl.validator.bench;
