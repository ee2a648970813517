package io.github.serviceaccounts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /seed-accounts}: many service accounts at once, written as the
 * instance would have stored them, for benchmarks such as a daily sweep over ten thousand
 * accounts. Accounts are named {@code <prefix><number>} (five digits from 1); a name that
 * exists is left alone, so seeding twice changes nothing.
 *
 * @param count how many, 1 to 100,000
 * @param prefix e.g. {@code svc_bench_}
 * @param owner the owner's (manager's) user_name; blank for accounts without an owner
 * @param lastLoginDaysAgo when they last logged in; null for never
 * @param createdDaysAgo when they were created; null for now
 * @param identityType {@code machine} unless given (ignored by an instance without the
 * field)
 * @param webServiceAccessOnly true unless given
 * @param group a group's name to make each account a member of (granting its roles);
 * blank for none
 * @param createdBy who ServiceNow records as creator; the integration user unless given
 */
record AccountSeed(int count, String prefix, String owner, Integer lastLoginDaysAgo, Integer createdDaysAgo,
		String identityType, Boolean webServiceAccessOnly, String group, String createdBy) {

	static final int MAX_COUNT = 100_000;

	private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,30}");

	private static final DateTimeFormatter SERVICENOW_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	/** What was done, for the answer. */
	record Seeded(int created, int skipped, String first, String last) {
	}

	AccountSeed {
		if (count < 1 || count > MAX_COUNT) {
			throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", not " + count);
		}
		if (prefix == null || !PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException("prefix must be 1 to 30 letters, digits, '.', '_' or '-'");
		}
		if ((lastLoginDaysAgo != null && lastLoginDaysAgo < 0) || (createdDaysAgo != null && createdDaysAgo < 0)) {
			throw new IllegalArgumentException("lastLoginDaysAgo and createdDaysAgo must not be negative");
		}
	}

	String userName(int number) {
		return prefix + String.format("%05d", number);
	}

	/** Runs under the store's lock, in one write. */
	Seeded seed(Tables tables, TableSchema.Table users, String integrationUser, Instant now) {
		String ownerId = "";
		if (owner != null && !owner.isBlank()) {
			ownerId = tables.where(TableSchema.SYS_USER, "user_name", owner)
				.stream()
				.findFirst()
				.map(user -> user.get("sys_id"))
				.orElseThrow(() -> new IllegalArgumentException("owner: no sys_user named '" + owner + "'"));
		}
		String groupId = null;
		if (group != null && !group.isBlank()) {
			groupId = tables.where(TableSchema.SYS_USER_GROUP, "name", group)
				.stream()
				.findFirst()
				.map(found -> found.get("sys_id"))
				.orElseThrow(() -> new IllegalArgumentException("group: no sys_user_group named '" + group + "'"));
		}
		String creator = (createdBy == null || createdBy.isBlank()) ? integrationUser : createdBy;
		String created = SERVICENOW_DATE_TIME
			.format(now.minus(Duration.ofDays(createdDaysAgo == null ? 0 : createdDaysAgo)));
		String lastLogin = lastLoginDaysAgo == null ? ""
				: SERVICENOW_DATE_TIME.format(now.minus(Duration.ofDays(lastLoginDaysAgo)));
		List<String> warnings = new ArrayList<>();
		BusinessRules.WriteContext context = new BusinessRules.WriteContext(creator, true, false, created, warnings);
		TableSchema.Table memberships = TableSchema.table(TableSchema.SYS_USER_GRMEMBER).orElseThrow();
		Map<String, Integer> insertsBefore = new LinkedHashMap<>(tables.successfulInserts());
		int made = 0;
		for (int number = 1; number <= count; number++) {
			String name = userName(number);
			if (!tables.where(TableSchema.SYS_USER, "user_name", name).isEmpty()) {
				continue;
			}
			Map<String, String> input = new LinkedHashMap<>();
			input.put("sys_id", SeedData.stableId(TableSchema.SYS_USER, name));
			input.put("user_name", name);
			input.put("first_name", "Benchmark");
			input.put("last_name", "Account " + number);
			input.put("manager", ownerId);
			input.put("active", "true");
			input.put("web_service_access_only",
					Boolean.toString(webServiceAccessOnly == null || webServiceAccessOnly));
			input.put("last_login_time", lastLogin);
			if (users.field(TableSchema.IDENTITY_TYPE).isPresent()) {
				input.put(TableSchema.IDENTITY_TYPE, identityType == null ? "machine" : identityType);
			}
			Map<String, String> user = BusinessRules.insert(tables, users, input, context);
			if (groupId != null) {
				Map<String, String> membership = new LinkedHashMap<>();
				membership.put("user", user.get("sys_id"));
				membership.put("group", groupId);
				BusinessRules.insert(tables, memberships, membership, context);
			}
			made++;
		}
		// Seeding is not something the product did.
		tables.successfulInserts().clear();
		tables.successfulInserts().putAll(insertsBefore);
		return new Seeded(made, count - made, userName(1), userName(count));
	}

}
