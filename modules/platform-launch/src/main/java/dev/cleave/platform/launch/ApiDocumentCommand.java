package dev.cleave.platform.launch;

import java.nio.charset.StandardCharsets;

/**
 * Prints the OpenAPI document an assembly serves at {@code /openapi}, assembled from the contexts on the module path
 * exactly as a start assembles it, without starting anything. {@code ./cleave update-api-docs} renders the reference
 * page from it: {@code java -p app-NAME/target/modules -m dev.cleave.platform.launch/<this class> NAME}.
 */
public final class ApiDocumentCommand {
    private ApiDocumentCommand() {
    }

    /**
     * Prints the document as YAML, or exits with status 2 and a reason.
     *
     * @param args the assembly's name, e.g. {@code monolith}
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ApiDocumentCommand ASSEMBLY");
            System.exit(2);
        }
        ApiDocuments documents = ApiDocuments.of(args[0], Launcher.discover());
        if (documents.assembled() == null) {
            System.err.println("no context of assembly '" + args[0] + "' has an API document");
            System.exit(2);
        }
        byte[] yaml = ApiDocuments.yaml(documents.assembled()).getBytes(StandardCharsets.UTF_8);
        System.out.write(yaml, 0, yaml.length);
        System.out.flush();
    }
}
