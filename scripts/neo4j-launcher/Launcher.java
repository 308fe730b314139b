// Starts an embedded Neo4j Community DBMS that serves Bolt, and blocks until SIGTERM.
//
// Run by scripts/neo4j in Java's single-file source mode (no compile step):
//   java -cp '<lib>/*' scripts/neo4j-launcher/Launcher.java <home-dir> <neo4j.properties>
// The properties file holds raw Neo4j settings (server.bolt.listen_address, memory caps, ...);
// unknown keys fail start-up. The jars are resolved from Maven Central at set-up time
// (see pom.xml) and never committed: Neo4j Community is GPLv3.

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Launcher {
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: Launcher <home-dir> <neo4j.properties>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, String> config = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            config.put(key, props.getProperty(key));
        }
        long t0 = System.nanoTime();
        DatabaseManagementService dbms =
            new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(Path.of(args[1])).build();
        // warm the default database so the first client query does not pay for it
        dbms.database(config.getOrDefault("initial.dbms.default_database", "neo4j"))
            .executeTransactionally("RETURN 1");
        System.out.printf("neo4j-launcher: started in %.1f s, bolt on %s%n",
            (System.nanoTime() - t0) / 1e9, config.get("server.bolt.listen_address"));
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-launcher: shutting down");
            dbms.shutdown();
            System.out.println("neo4j-launcher: stopped");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-shutdown"));
        stopped.await();
    }
}
