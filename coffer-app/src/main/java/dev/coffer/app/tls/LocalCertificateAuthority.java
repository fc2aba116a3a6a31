package dev.coffer.app.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity Coffer makes for itself when the operator gives none: a local CA (10 years) and a
 * server certificate it signs for {@code localhost}, {@code *.localhost} (virtual-hosted buckets),
 * {@code 127.0.0.1} and {@code ::1}. Users trust the CA once ({@code aws --ca-bundle <data-dir>/tls/ca.pem});
 * the server certificate is renewed by the same CA when it nears expiry, so that trust keeps working.
 *
 * <p>Files in {@code <data-dir>/tls/}: {@code ca.pem}, {@code ca-key.pem} (0600), {@code server.pem}
 * (the server certificate followed by the CA), {@code server-key.pem} (0600). Keys are ECDSA P-256.
 */
public final class LocalCertificateAuthority {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Under the 825 days that Apple platforms accept for TLS server certificates. */
    private static final Duration SERVER_VALIDITY = Duration.ofDays(800);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final List<String> DNS_NAMES = List.of("localhost", "*.localhost");
    private static final List<String> IP_ADDRESSES = List.of("127.0.0.1", "::1");

    private LocalCertificateAuthority() {}

    /** Loads the local CA's server identity from {@code tlsDir}, creating or renewing what is missing or due. */
    public static TlsMaterial loadOrCreate(Path tlsDir, SecureRandom random, InstantSource clock) throws IOException {
        Path caCert = tlsDir.resolve("ca.pem");
        Path caKey = tlsDir.resolve("ca-key.pem");
        Path serverCert = tlsDir.resolve("server.pem");
        Path serverKey = tlsDir.resolve("server-key.pem");
        Instant now = clock.instant();
        try {
            if (!Files.exists(caCert) || !Files.exists(caKey)) {
                KeyPair ca = newKeyPair(random);
                X509Certificate cert = caCertificate(ca, random, now);
                PrivateFiles.writeSecret(caKey, pem(ca.getPrivate()));
                PrivateFiles.writePublic(caCert, pem(cert));
                Files.deleteIfExists(serverCert);
            }
            X509Certificate ca = PemFiles.readCertificates(caCert).getFirst();
            if (!Files.exists(serverCert) || !Files.exists(serverKey) || dueForRenewal(serverCert, now)) {
                PrivateKey caPrivate = PemFiles.readPrivateKey(caKey);
                KeyPair server = newKeyPair(random);
                X509Certificate cert = serverCertificate(server, ca, caPrivate, random, now);
                PrivateFiles.writeSecret(serverKey, pem(server.getPrivate()));
                PrivateFiles.writePublic(serverCert, concat(pem(cert), pem(ca)));
            }
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not create the local TLS certificate authority in " + tlsDir, e);
        }
        return PemFiles.load(serverCert, serverKey, caCert, random);
    }

    private static boolean dueForRenewal(Path serverCert, Instant now) throws IOException {
        List<X509Certificate> chain = PemFiles.readCertificates(serverCert);
        return chain.isEmpty() || chain.getFirst().getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE));
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static X509Certificate caCertificate(KeyPair ca, SecureRandom random, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=Coffer Local CA " + Long.toHexString(random.nextLong() >>> 16) + ",O=Coffer");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, ca.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.getPublic()));
        return sign(b, ca.getPrivate());
    }

    private static X509Certificate serverCertificate(KeyPair server, X509Certificate ca, PrivateKey caKey,
            SecureRandom random, Instant now) throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(random),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_VALIDITY)),
                new X500Name("CN=localhost,O=Coffer"), server.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        GeneralName[] names = new GeneralName[DNS_NAMES.size() + IP_ADDRESSES.size()];
        int i = 0;
        for (String dns : DNS_NAMES) {
            names[i++] = new GeneralName(GeneralName.dNSName, dns);
        }
        for (String ip : IP_ADDRESSES) {
            names[i++] = new GeneralName(GeneralName.iPAddress, ip);
        }
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(server.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        return sign(b, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static byte[] pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            // Private keys as PKCS#8 ("PRIVATE KEY"), the form every TLS stack reads.
            w.writeObject(o instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : o);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
