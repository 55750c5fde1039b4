/**
 * Configuration: the HOCON tree under {@code llm.*} (defaults in the jar, then {@code user-files/<profile>.conf},
 * then system properties and environment) loaded once into immutable, validated records.
 */
package dev.llmload.config;
