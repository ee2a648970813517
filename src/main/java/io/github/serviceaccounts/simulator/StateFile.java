package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated instance's data on disk, so that a restart (or a SIGKILL) of the
 * application loses nothing the product wrote. Replaced by an atomic rename, so a crash
 * mid-write leaves the previous state intact.
 */
final class StateFile {

	/**
	 * The persisted form; the request log is deliberately not kept, and passwords only as
	 * {@link PasswordHash}es (by sys_user sys_id), so that accounts can still log in
	 * after a restart.
	 */
	record Snapshot(int format, Map<String, List<Map<String, String>>> tables, Map<String, Integer> successfulInserts,
			Map<String, Boolean> passwordWorks, Map<String, String> passwordHashes) {
	}

	private static final Logger log = LoggerFactory.getLogger(StateFile.class);

	/** 2 added passwordHashes; a file of format 1 loads, its accounts without a login. */
	private static final int FORMAT = 2;

	private final Path path;

	StateFile(Path path) {
		this.path = path.toAbsolutePath().normalize();
	}

	Path path() {
		return path;
	}

	/**
	 * @param seed the seed data, whose rows fill the tables that the file does not know
	 * yet (e.g. incident, for a file written before the simulator had it)
	 */
	Optional<Tables> load(Supplier<Tables> seed) {
		if (!Files.exists(path)) {
			return Optional.empty();
		}
		Snapshot snapshot;
		try {
			snapshot = SimulatorJson.MAPPER.readValue(path.toFile(), Snapshot.class);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read the ServiceNow simulator state file " + path + " ("
					+ e.getMessage() + "). Repair it, or delete it to start again from the seed data.", e);
		}
		Tables tables = new Tables();
		if (snapshot.tables() != null) {
			snapshot.tables()
				.forEach((name, rows) -> TableSchema.table(name).ifPresentOrElse(table -> rows.forEach(row -> {
					// Fields added to the schema since the file was written get their
					// defaults.
					Map<String, String> record = table.emptyRecord();
					row.forEach((field, value) -> {
						if (record.containsKey(field) && value != null) {
							record.put(field, value);
						}
					});
					if (!record.get("sys_id").isEmpty()) {
						tables.put(name, record);
					}
				}), () -> log.warn("Ignoring table {} in {}: the simulator does not know it", name, path)));
		}
		List<String> missing = TableSchema.tableNames()
			.stream()
			.filter(name -> snapshot.tables() == null || !snapshot.tables().containsKey(name))
			.toList();
		if (!missing.isEmpty()) {
			Tables seeded = seed.get();
			missing.forEach(name -> seeded.all(name).forEach(row -> tables.put(name, row)));
			log.info("{} had no table {}: taken from the seed data", path, missing);
		}
		if (snapshot.successfulInserts() != null) {
			tables.successfulInserts().putAll(snapshot.successfulInserts());
		}
		if (snapshot.passwordWorks() != null) {
			tables.passwordWorks().putAll(snapshot.passwordWorks());
		}
		if (snapshot.passwordHashes() != null) {
			tables.passwordHashes().putAll(snapshot.passwordHashes());
		}
		return Optional.of(tables);
	}

	void save(Tables tables) {
		Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
		tables.rows().forEach((name, tableRows) -> rows.put(name, new ArrayList<>(tableRows.values())));
		Snapshot snapshot = new Snapshot(FORMAT, rows, tables.successfulInserts(), tables.passwordWorks(),
				tables.passwordHashes());
		try {
			Files.createDirectories(path.getParent());
			Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
			// No fsync: the file must survive the process dying, which the page cache
			// already ensures.
			Files.write(temporary, SimulatorJson.write(snapshot));
			try {
				Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the ServiceNow simulator state file " + path, e);
		}
	}

}
