/**
 * How a one-shot process starts fast: {@link io.netctl.cli.startup.OneShot} settings for runs that
 * open no BGP session, and {@link io.netctl.cli.startup.StartUpTraining}, the training run of every
 * command path that {@code scripts/start-up-cache.sh} records into the JVM's start-up cache.
 */
package io.netctl.cli.startup;
