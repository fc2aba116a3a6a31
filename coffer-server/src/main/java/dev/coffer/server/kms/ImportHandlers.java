package dev.coffer.server.kms;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.imports.KeyImports;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial: JSON ↔ domain records. */
final class ImportHandlers {
    private final KmsService kms;

    ImportHandlers(KmsService kms) {
        this.kms = kms;
    }

    byte[] getParametersForImport(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        KeyImports.ImportParameters r = kms.getParametersForImport(caller, keyId, in.string("WrappingAlgorithm"),
                in.string("WrappingKeySpec"));
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).blob("ImportToken", r.importToken()).blob("PublicKey", r.publicKey())
                    .date("ParametersValidTo", r.parametersValidTo()).bytes();
        }
    }

    byte[] importKeyMaterial(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] token = in.requiredBlob("ImportToken");
        byte[] material = in.requiredBlob("EncryptedKeyMaterial");
        KeyImports.Imported r = kms.importKeyMaterial(caller, new KeyImports.ImportKeyMaterial(keyId, token, material,
                timestamp(in, "ValidTo"), in.string("ExpirationModel"), in.string("ImportType")));
        java.util.Arrays.fill(material, (byte) 0);
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).str("KeyMaterialId", r.keyMaterialId()).bytes();
        }
    }

    byte[] deleteImportedKeyMaterial(Principal caller, KmsJson in) throws IOException {
        KeyImports.Imported r = kms.deleteImportedKeyMaterial(caller, in.requiredString("KeyId"),
                in.string("KeyMaterialId"));
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).str("KeyMaterialId", r.keyMaterialId()).bytes();
        }
    }

    /** A JSON 1.1 timestamp: epoch seconds, possibly with a fraction. */
    private static Optional<Instant> timestamp(KmsJson in, String name) {
        Object raw = in.raw(name);
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Number n)) {
            throw KmsJson.serialization("Unexpected value type for " + name + ": expected a timestamp.");
        }
        BigDecimal millis = new BigDecimal(n.toString()).movePointRight(3);
        return Optional.of(Instant.ofEpochMilli(millis.longValue()));
    }
}
