/** Key aliases ({@code alias/…}), per account: start with {@link dev.coffer.kms.alias.Aliases}. */
package dev.coffer.kms.alias;
