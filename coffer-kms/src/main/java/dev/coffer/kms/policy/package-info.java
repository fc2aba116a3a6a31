/** Key policies, stored and returned (not yet enforced): start with {@link dev.coffer.kms.policy.KeyPolicies}. */
package dev.coffer.kms.policy;
