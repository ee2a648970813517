package io.github.serviceaccounts.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded ServiceNow instance, for tests and benchmarks that need to look behind the
 * HTTP API: what was really written, what was asked, and which faults to inject next.
 * Product code never uses this; it talks to the simulator over HTTP as to a real
 * instance.
 */
public final class ServiceNowSimulator {

	/**
	 * Where the simulated instance lives inside the application, e.g.
	 * {@code /servicenow-simulator/api/now/v2/table/sys_user}.
	 */
	public static final String PATH_PREFIX = "/servicenow-simulator";

	private final SimulatorStore store;

	private final FaultInjector faults;

	private final RequestLog requestLog;

	private final String integrationUserName;

	ServiceNowSimulator(SimulatorStore store, FaultInjector faults, RequestLog requestLog, String integrationUserName) {
		this.store = store;
		this.faults = faults;
		this.requestLog = requestLog;
		this.integrationUserName = integrationUserName;
	}

	/**
	 * @param stateFile null keeps the data in memory only
	 */
	static ServiceNowSimulator create(String integrationUserName, Path stateFile, Clock clock) {
		return create(integrationUserName, stateFile, clock, true);
	}

	/**
	 * @param identityTypeField whether sys_user has identity_type, as on newer releases
	 */
	static ServiceNowSimulator create(String integrationUserName, Path stateFile, Clock clock,
			boolean identityTypeField) {
		StateFile file = stateFile == null ? null : new StateFile(stateFile);
		return new ServiceNowSimulator(new SimulatorStore(integrationUserName, file, clock, identityTypeField),
				new FaultInjector(), new RequestLog(), integrationUserName);
	}

	/**
	 * The first record whose field equals the value, compared case-insensitively as a
	 * query on an instance would. Reference fields hold the bare sys_id.
	 */
	public Optional<Map<String, String>> findRecord(String table, String field, String value) {
		return store.read(tables -> tables.where(table, field, value).stream().findFirst().map(Map::copyOf));
	}

	/** Every record of the table in insertion order, reference fields as bare sys_ids. */
	public List<Map<String, String>> records(String table) {
		return store.read(tables -> tables.all(table).stream().map(Map::copyOf).toList());
	}

	/**
	 * Inserts through the API that were committed, including those answered with an
	 * injected failure.
	 */
	public int successfulInserts(String table) {
		return store.read(tables -> tables.successfulInserts(table));
	}

	public List<RequestLogEntry> requestLog() {
		return requestLog.entries();
	}

	/**
	 * Whether the user could log in with the password last written: false when none was
	 * written, or when it was written without {@code sysparm_input_display_value=true}.
	 */
	public boolean passwordWorks(String userName) {
		return store.read(tables -> tables.where(TableSchema.SYS_USER, "user_name", userName)
			.stream()
			.anyMatch(user -> tables.passwordWorks().getOrDefault(user.get("sys_id"), false)));
	}

	/**
	 * Back to the seed data; clears the request log, the faults and the insert counters.
	 */
	public void reset() {
		store.reset();
		requestLog.clear();
		faults.clear();
	}

	/** Many service accounts in one write (see {@link AccountSeed}). */
	AccountSeed.Seeded seedAccounts(AccountSeed seed) {
		return store.write(
				tables -> seed.seed(tables, store.table(TableSchema.SYS_USER), integrationUserName, store.instant()));
	}

	public FaultInjector faults() {
		return faults;
	}

	SimulatorStore store() {
		return store;
	}

	String integrationUserName() {
		return integrationUserName;
	}

	void log(RequestLogEntry entry) {
		requestLog.add(entry);
	}

	/** What GET /state shows: no password field, password effectiveness by user name. */
	Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		store.read(tables -> {
			Map<String, List<Map<String, String>>> records = new LinkedHashMap<>();
			tables.rows().forEach((table, rows) -> {
				List<Map<String, String>> visible = new ArrayList<>();
				rows.values().forEach(row -> {
					Map<String, String> copy = new LinkedHashMap<>(row);
					copy.remove("user_password");
					visible.add(copy);
				});
				records.put(table, visible);
			});
			Map<String, Boolean> passwords = new LinkedHashMap<>();
			tables.all(TableSchema.SYS_USER)
				.forEach(user -> passwords.put(user.get("user_name"),
						tables.passwordWorks().getOrDefault(user.get("sys_id"), false)));
			state.put("tables", records);
			state.put("successfulInserts", new LinkedHashMap<>(tables.successfulInserts()));
			state.put("passwordWorks", passwords);
			return null;
		});
		state.put("faults", faults.plan());
		state.put("requestLog", requestLog.entries());
		return state;
	}

}
