package dev.lintel.operator.manifests;

/**
 * A document or file that could not be loaded.
 *
 * @param source the file path, with {@code #n} (1-based document index) when one document of a
 *     multi-document file is at fault
 * @param reason what is wrong, naming the field when there is one
 */
public record ManifestError(String source, String reason) {}
