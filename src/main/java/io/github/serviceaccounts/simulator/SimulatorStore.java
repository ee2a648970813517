package io.github.serviceaccounts.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the simulated data with one lock (jobs call concurrently; the data is small) and
 * writes it to the state file after every change, before the answer goes out.
 */
final class SimulatorStore {

	private static final Logger log = LoggerFactory.getLogger(SimulatorStore.class);

	private static final DateTimeFormatter SERVICENOW_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final Tables tables;

	private final StateFile stateFile;

	private final String integrationUserName;

	private final Clock clock;

	private final boolean identityTypeField;

	/**
	 * @param stateFile null keeps everything in memory
	 */
	SimulatorStore(String integrationUserName, StateFile stateFile, Clock clock) {
		this(integrationUserName, stateFile, clock, true);
	}

	/**
	 * @param identityTypeField whether sys_user has identity_type (see
	 * {@link ServiceNowSimulatorProperties#identityTypeField()})
	 */
	SimulatorStore(String integrationUserName, StateFile stateFile, Clock clock, boolean identityTypeField) {
		this.identityTypeField = identityTypeField;
		this.integrationUserName = integrationUserName;
		this.stateFile = stateFile;
		this.clock = clock;
		Tables loaded = stateFile == null ? null
				: stateFile.load(() -> SeedData.build(integrationUserName)).orElse(null);
		if (loaded != null) {
			this.tables = loaded;
			log.info("ServiceNow simulator loaded its state from {}", stateFile.path());
		}
		else {
			this.tables = SeedData.build(integrationUserName);
			save();
			log.info("ServiceNow simulator started from seed data ({})",
					stateFile == null ? "memory only" : "state file " + stateFile.path());
		}
	}

	boolean identityTypeField() {
		return identityTypeField;
	}

	/** The table as this instance's release has it. */
	TableSchema.Table table(String name) {
		return TableSchema.table(name, identityTypeField).orElseThrow();
	}

	Instant instant() {
		return clock.instant();
	}

	String now() {
		return SERVICENOW_DATE_TIME.format(clock.instant());
	}

	synchronized <T> T read(Function<Tables, T> reader) {
		return reader.apply(tables);
	}

	/**
	 * Persists after the change; a refused write (an exception) changed nothing and saves
	 * nothing.
	 */
	synchronized <T> T write(Function<Tables, T> writer) {
		T result = writer.apply(tables);
		save();
		return result;
	}

	synchronized void reset() {
		tables.replaceWith(SeedData.build(integrationUserName));
		save();
	}

	private void save() {
		if (stateFile != null) {
			stateFile.save(tables);
		}
	}

}
