/**
 * Who is asking: {@link dev.coffer.iam.Principal} is the authenticated caller of every domain operation;
 * {@link dev.coffer.iam.AccessKeys} stores access keys (secrets sealed under the root key) and finds them.
 */
package dev.coffer.iam;
