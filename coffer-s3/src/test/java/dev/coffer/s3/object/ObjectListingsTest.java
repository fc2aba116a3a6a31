package dev.coffer.s3.object;

import static dev.coffer.s3.object.ObjectsFixture.ALICE;
import static dev.coffer.s3.object.ObjectsFixture.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectListingsTest {
    @TempDir
    Path dir;
    private ObjectsFixture f;

    @BeforeEach
    void open() throws IOException {
        f = new ObjectsFixture(dir);
        for (String k : List.of("a.txt", "photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/x.jpg",
                "z/€uro", "z/zebra")) {
            f.put(k, new byte[1]);
        }
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ObjectListing list(String prefix, String delimiter, String after, int max) {
        return f.s3.objectListings().list(ALICE, new ListObjectsRequest(BUCKET, prefix, Optional.ofNullable(delimiter),
                after, max));
    }

    @Test
    void delimiter_rollsKeysUpIntoCommonPrefixes() {
        ObjectListing page = list("photos/", "/", "", 1000);
        assertThat(page.objects()).extracting(StoredObject::key).containsExactly("photos/x.jpg");
        assertThat(page.commonPrefixes()).containsExactly("photos/2024/", "photos/2025/");
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void pagesOfOne_visitEveryKeyAndPrefixOnce_inUtf8Order() {
        List<String> seen = new ArrayList<>();
        String after = "";
        for (int i = 0; i < 20; i++) {
            ObjectListing page = list("", "/", after, 1);
            page.objects().forEach(o -> seen.add(o.key()));
            seen.addAll(page.commonPrefixes());
            if (!page.truncated()) {
                break;
            }
            after = page.next().orElseThrow();
        }
        assertThat(seen).containsExactly("a.txt", "photos/", "z/");
    }

    @Test
    void withoutDelimiter_listsEverythingUnderThePrefix_afterTheMarker() {
        assertThat(list("photos/", null, "photos/2024/a.jpg", 1000).objects()).extracting(StoredObject::key)
                .containsExactly("photos/2024/b.jpg", "photos/2025/c.jpg", "photos/x.jpg");
        ObjectListing page = list("z/", null, "", 1);
        assertThat(page.truncated()).isTrue();
        assertThat(page.next()).hasValue("z/zebra");
        assertThat(list("z/", null, "z/zebra", 1).objects()).extracting(StoredObject::key).containsExactly("z/€uro");
    }
}
