package dev.cleave.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README shows the architecture as the code has it: the picture is generated from the module descriptors, and
 * a stale one fails the build.
 */
class ArchitecturePictureTest {

    @Test
    void theReadmeShowsTheCurrentPicture() throws IOException {
        Path readme = ProjectFiles.root().resolve("README.md");
        String picture = ArchitecturePicture.generate();
        String document = Files.readString(readme);

        if (ProjectFiles.updating()) {
            document = ArchitecturePicture.embed(document, picture);
            Files.writeString(readme, document);
        }
        assertEquals(picture, ArchitecturePicture.embedded(document),
                     "The architecture picture in README.md is stale. Regenerate it with "
                     + ProjectFiles.UPDATE_COMMAND + " and commit the result.");
    }

    @Test
    void thePictureShowsEveryContextWithTheApisItProvidesAndEveryAssembly() {
        String picture = ArchitecturePicture.generate();

        assertTrue(picture.contains("dev.cleave.user<br/><i>context user<br/>provides UserDirectory"), picture);
        assertTrue(picture.contains("requires UserDirectory"), picture);
        assertTrue(picture.contains("dev_cleave_order --> dev_cleave_user_api"), picture);
        assertTrue(picture.contains("dev_cleave_app_user -. runs .-> dev_cleave_user"), picture);
        assertTrue(picture.contains("| `app-monolith` |"), picture);
    }

    @Test
    void embeddingReplacesOnlyWhatIsBetweenTheMarkers() {
        String document = "# Title\n" + ArchitecturePicture.BEGIN + "\nold\n" + ArchitecturePicture.END + "\nrest\n";
        String picture = ArchitecturePicture.BEGIN + "\nnew\n" + ArchitecturePicture.END + "\n";

        assertEquals("# Title\n" + picture + "rest\n", ArchitecturePicture.embed(document, picture));
        assertThrows(IllegalStateException.class, () -> ArchitecturePicture.embed("no markers", picture));
    }
}
