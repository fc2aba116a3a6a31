/**
 * Grants on KMS keys — stored and returned now, deciding nothing until the authorization issue. Start with
 * {@link dev.coffer.kms.grant.Grants}; tokens are {@link dev.coffer.kms.grant.GrantTokens}.
 */
package dev.coffer.kms.grant;
