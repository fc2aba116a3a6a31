package dev.coffer.kms.symmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.symmetric.CryptoRequests.DataKey;
import dev.coffer.kms.symmetric.CryptoRequests.GenerateDataKey;
import java.util.Optional;

/** GenerateDataKey, GenerateDataKeyWithoutPlaintext and GenerateRandom; on the hot path, like {@link SymmetricCrypto}. */
public final class DataKeys {
    public static final int MAX_BYTES = 1024;

    private final KmsContext ctx;
    private final SymmetricCrypto crypto;

    public DataKeys(KmsContext ctx, SymmetricCrypto crypto) {
        this.ctx = ctx;
        this.crypto = crypto;
    }

    public DataKey generate(Principal caller, GenerateDataKey request) {
        return generate(caller, request, true, "GenerateDataKey");
    }

    public DataKey generateWithoutPlaintext(Principal caller, GenerateDataKey request) {
        return generate(caller, request, false, "GenerateDataKeyWithoutPlaintext");
    }

    private DataKey generate(Principal caller, GenerateDataKey request, boolean withPlaintext, String operation) {
        int length = length(request);
        LiveKey key = crypto.usableForEncryption(caller, request.keyId());
        SymmetricCrypto.dryRun(request.dryRun());
        Secret plaintext = Secret.random(length, ctx.random());
        byte[] blob = crypto.seal(key, request.encryptionContext(), plaintext.revealBytes());
        crypto.used(key, operation);
        if (!withPlaintext) {
            plaintext.close();
        }
        return new DataKey(blob, withPlaintext ? Optional.of(plaintext) : Optional.empty(), key.meta().arn(),
                key.current().materialId());
    }

    private static int length(GenerateDataKey request) {
        if (request.numberOfBytes().isPresent() == request.keySpec().isPresent()) {
            throw KmsException.validation("Please specify either number of bytes or key spec.");
        }
        if (request.keySpec().isPresent()) {
            return switch (request.keySpec().get()) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default -> throw KmsException.validation("keySpec", request.keySpec().get(),
                        "Member must satisfy enum value set: [AES_256, AES_128]");
            };
        }
        return checkBytes(request.numberOfBytes().get());
    }

    public Secret random(Principal caller, Optional<Integer> numberOfBytes) {
        int n = checkBytes(numberOfBytes.orElseThrow(() -> KmsException.validation(
                "Please specify number of bytes.")));
        return Secret.random(n, ctx.random());
    }

    private static int checkBytes(int n) {
        if (n < 1) {
            throw KmsException.validation("numberOfBytes", n, "Member must have value greater than or equal to 1");
        }
        if (n > MAX_BYTES) {
            throw KmsException.validation("numberOfBytes", n, "Member must have value less than or equal to " + MAX_BYTES);
        }
        return n;
    }
}
