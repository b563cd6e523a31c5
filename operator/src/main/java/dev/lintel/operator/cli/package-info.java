/**
 * The {@code lintel} command line (picocli): one jar, one image, the role chosen by subcommand —
 * {@code operator}, {@code proxy}, {@code standalone}, {@code validate}, {@code echo}.
 */
package dev.lintel.operator.cli;
