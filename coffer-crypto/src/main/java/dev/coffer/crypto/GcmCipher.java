package dev.coffer.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * The JDK's AES-GCM cipher, for code that drives it itself because a format fixes every input (the AWS
 * Encryption SDK message format's frames and header tag in the client tools). Made here, as every cipher is.
 */
public final class GcmCipher {
    private GcmCipher() {
    }

    /** A new {@code AES/GCM/NoPadding} cipher from the JDK's default provider. */
    public static Cipher create() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES-GCM", e);
        }
    }
}
