package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** A fresh database for every context: emptied before the context starts, so no run inherits another's rows. */
final class Databases {

	private Databases() {
	}

	/** The Spring arguments that give the context {@code label} a fresh database of the kind {@code db}. */
	static List<String> freshArgs(String db, String label, boolean floor) throws IOException, InterruptedException {
		if (db.equals("postgres")) {
			// One database per context: the product's and the floor's are open at the same time.
			String database = Settings.PG_DB + (floor ? "_floor" : "");
			resetPostgres(database);
			return List.of("--spring.profiles.active=postgres",
					"--spring.datasource.url=jdbc:postgresql://localhost:5432/" + database,
					"--spring.datasource.username=serviceaccounts", "--spring.datasource.password=serviceaccounts");
		}
		if (db.equals("h2")) {
			Path dir = Settings.WORK.resolve("h2").resolve(label);
			deleteTree(dir);
			// The product's default: an H2 file database, with the options of its default URL.
			return List.of(
					"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("serviceaccounts") + productH2Options());
		}
		if (db.equals("h2mem")) {
			// For comparison only: H2 in memory, no file I/O.
			return List.of("--spring.datasource.url=jdbc:h2:mem:" + label + ";DB_CLOSE_DELAY=-1");
		}
		throw new IllegalArgumentException("unknown database " + db + " (h2, h2mem or postgres)");
	}

	/** The options (";KEY=VALUE...") of the product's default H2 URL in its application.yaml. */
	static String productH2Options() throws IOException {
		Object url = new YamlPropertySourceLoader().load("product", new ClassPathResource("application.yaml"))
			.get(0)
			.getProperty("spring.datasource.url");
		String text = String.valueOf(url);
		return text.contains(";") ? text.substring(text.indexOf(';')) : "";
	}

	static void resetPostgres(String database) throws IOException, InterruptedException {
		shell("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		shell("CREATE DATABASE " + database + " OWNER serviceaccounts");
	}

	private static void shell(String sql) throws IOException, InterruptedException {
		String psql = "psql -v ON_ERROR_STOP=1 -qtAc \"" + sql + "\"";
		List<String> command = "root".equals(System.getProperty("user.name")) ? List.of("su", "postgres", "-c", psql)
				: List.of("sudo", "su", "postgres", "-c", psql);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("psql failed: " + sql + ": " + output);
		}
	}

	static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
