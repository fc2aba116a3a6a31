/** Key rotation, automatic and on demand: start with {@link dev.coffer.kms.rotation.Rotations}. */
package dev.coffer.kms.rotation;
