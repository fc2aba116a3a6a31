package dev.coffer.server.http;

/** The wire protocols Coffer speaks; each has one adapter and one error mapping. */
public enum Protocol {
    /** S3 REST/XML. */
    S3,
    /** KMS JSON 1.1 ({@code X-Amz-Target: TrentService.*}). */
    KMS,
    /** STS Query (form POST, XML answers). */
    STS,
    /** IAM Query (form POST, XML answers). */
    IAM
}
