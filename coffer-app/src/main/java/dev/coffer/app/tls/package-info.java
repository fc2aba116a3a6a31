/**
 * TLS material: {@link dev.coffer.app.tls.LocalCertificateAuthority} makes a local CA and a localhost server
 * certificate on first start; {@link dev.coffer.app.tls.PemFiles} reads operator-supplied PEM files.
 */
package dev.coffer.app.tls;
