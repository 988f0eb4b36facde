/** Loading and validating one service's configuration file with environment overrides. */
package im.infra.config;
