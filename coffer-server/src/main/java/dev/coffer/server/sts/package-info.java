/**
 * The AWS Query protocol (form POST, XML answers) for STS and IAM: {@link dev.coffer.server.sts.QueryAdapter}
 * dispatches on {@code Action}; {@link dev.coffer.server.sts.QueryErrors} maps errors to Query's XML.
 */
package dev.coffer.server.sts;
