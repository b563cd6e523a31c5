/**
 * The pure core: a {@link dev.lintel.operator.translate.Snapshot} of Kubernetes objects becomes a
 * {@link dev.lintel.operator.translate.Translation} (proxy config per Gateway, status per object).
 * No client, no JOSDK, no clock, no environment: the same input always gives the same output.
 */
package dev.lintel.operator.translate;
