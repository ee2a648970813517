package io.github.serviceaccounts.servicenow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import static io.github.serviceaccounts.servicenow.ServiceNowJson.bool;
import static io.github.serviceaccounts.servicenow.ServiceNowJson.text;

/**
 * Reads the records a {@link TableCall} answers with and checks them against what was
 * asked: an encoded query that ServiceNow misreads (an unknown field is silently dropped)
 * returns more than was asked for, not an error, so no row reaches a caller of
 * {@link ServiceNowClient} unchecked. Also turns checked rows into the client's value
 * types. Thread-safe.
 */
final class TableRecords {

	private static final int ROLE_PAGE_SIZE = 500;

	// Ten thousand role rows are far beyond any real user or group; more means the offset
	// was ignored.
	private static final int MAX_ROLE_PAGES = 20;

	private final TableExchange exchange;

	TableRecords(TableExchange exchange) {
		this.exchange = Objects.requireNonNull(exchange, "exchange");
	}

	/** The one record a call answers with, such as the record a write stored. */
	JsonNode record(TableCall call) {
		return asRecord(call, this.exchange.result(call));
	}

	/** Empty for ServiceNow's own 404 (no such record, or an ACL hides it). */
	Optional<JsonNode> recordIfFound(TableCall call) {
		return this.exchange.execute(call, true).map(result -> asRecord(call, result));
	}

	List<JsonNode> list(TableCall call) {
		JsonNode result = this.exchange.result(call);
		if (!result.isArray()) {
			throw new UnexpectedResultException(call.operation(), 200,
					call.operation() + " expected a list of records but ServiceNow returned " + result.getNodeType());
		}
		List<JsonNode> rows = new ArrayList<>();
		for (JsonNode row : result) {
			rows.add(asRecord(call, row));
		}
		return rows;
	}

	List<JsonNode> allPages(TableCall call) {
		List<JsonNode> rows = new ArrayList<>();
		call.limit(ROLE_PAGE_SIZE);
		for (int page = 0; page < MAX_ROLE_PAGES; page++) {
			call.param("sysparm_offset", Integer.toString(page * ROLE_PAGE_SIZE));
			List<JsonNode> pageRows = list(call);
			rows.addAll(pageRows);
			// sysparm_limit applies before ACL checks, so a short page can also come
			// early; the integration
			// account reads these tables in full, so a short page is taken as the last
			// one.
			if (pageRows.size() < ROLE_PAGE_SIZE) {
				return rows;
			}
		}
		throw new UnexpectedResultException(call.operation(), 200, call.operation() + " returned more than "
				+ MAX_ROLE_PAGES * ROLE_PAGE_SIZE + " rows; the query or the paging was not applied");
	}

	/**
	 * Sends a DELETE: true when ServiceNow deleted the record (204), false when it
	 * answered its own 404 (no such record, or an ACL hides it).
	 */
	boolean delete(TableCall call) {
		return this.exchange.execute(call, true).isPresent();
	}

	private static JsonNode asRecord(TableCall call, JsonNode node) {
		if (!node.isObject()) {
			throw new UnexpectedResultException(call.operation(), 200,
					call.operation() + " expected a record but ServiceNow returned " + node.getNodeType());
		}
		return node;
	}

	static Optional<JsonNode> atMostOne(TableCall call, List<JsonNode> rows, String asked,
			Predicate<JsonNode> isAsked) {
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		if (rows.size() > 1) {
			throw new UnexpectedResultException(call.operation(), 200,
					call.operation() + " found more than one record for " + asked + " where at most one may exist; "
							+ "resolve the duplicates in ServiceNow");
		}
		JsonNode row = rows.get(0);
		requireAsked(call, row, asked, isAsked);
		return Optional.of(row);
	}

	static void requireAsked(TableCall call, JsonNode row, String asked, Predicate<JsonNode> isAsked) {
		if (!isAsked.test(row)) {
			throw new UnexpectedResultException(call.operation(), 200,
					call.operation() + " asked for " + asked + " but ServiceNow returned a different record (sys_id '"
							+ text(row, "sys_id") + "'); the query may not have been applied as written");
		}
	}

	static Predicate<JsonNode> isMembership(String user, String group) {
		return row -> hasSysId(row) && user.equals(text(row, "user")) && group.equals(text(row, "group"));
	}

	// A record without a well-formed sys_id cannot be referred to later, whatever else it
	// holds.
	static boolean hasSysId(JsonNode row) {
		return QueryValues.isSysId(text(row, "sys_id"));
	}

	static ServiceNowUser user(JsonNode row) {
		return user(row, "");
	}

	/**
	 * The user whose fields carry the prefix, such as {@code user.} in a membership row.
	 */
	static ServiceNowUser user(JsonNode row, String prefix) {
		return new ServiceNowUser(text(row, prefix + "sys_id"), text(row, prefix + "user_name"),
				text(row, prefix + "first_name"), text(row, prefix + "last_name"), text(row, prefix + "email"),
				text(row, prefix + "manager"), bool(row, prefix + "active"), bool(row, prefix + "locked_out"),
				bool(row, prefix + "web_service_access_only"), bool(row, prefix + "password_needs_reset"),
				text(row, prefix + "last_login_time"), text(row, prefix + "identity_type"),
				text(row, prefix + "sys_created_on"));
	}

	static Optional<ServiceNowUser> manager(JsonNode row) {
		return manager(row, "");
	}

	/**
	 * The manager read through {@code <prefix>manager.*}; empty when there is none, when
	 * it is gone, or when the dot-walked sys_id is not the one the reference holds.
	 */
	static Optional<ServiceNowUser> manager(JsonNode row, String prefix) {
		String reference = text(row, prefix + "manager");
		String sysId = text(row, prefix + "manager.sys_id");
		if (reference.isEmpty() || !QueryValues.isSysId(sysId) || !sysId.equals(reference)) {
			return Optional.empty();
		}
		String walked = prefix + "manager.";
		return Optional.of(new ServiceNowUser(sysId, text(row, walked + "user_name"), text(row, walked + "first_name"),
				text(row, walked + "last_name"), text(row, walked + "email"), null, bool(row, walked + "active"), false,
				false, false, null, null, null));
	}

	/**
	 * Whether the {@code <prefix>manager} reference is set but nothing could be read
	 * through it: the manager was deleted, or an ACL hides it.
	 */
	static boolean managerGone(JsonNode row, String prefix) {
		return !text(row, prefix + "manager").isEmpty() && text(row, prefix + "manager.sys_id").isEmpty();
	}

	/**
	 * The account and its manager as a page row holds them; a manager whose dot-walked
	 * sys_id is another than the reference's is refused, as that row cannot be what
	 * ServiceNow stores.
	 */
	static AccountState accountState(TableCall call, JsonNode row, String prefix) {
		ServiceNowUser account = user(row, prefix);
		Optional<ServiceNowUser> manager = manager(row, prefix);
		boolean gone = managerGone(row, prefix);
		if (manager.isEmpty() && !gone && account.managerSysId() != null) {
			throw new UnexpectedResultException(call.operation(), 200,
					call.operation() + " returned " + account.userName() + " (" + account.sysId() + ") with manager "
							+ account.managerSysId() + " but read '" + text(row, prefix + "manager.sys_id")
							+ "' through it; the fields were not read as asked");
		}
		return new AccountState(account, manager, gone);
	}

	static UserGroupMembership userGroupMembership(JsonNode row) {
		return new UserGroupMembership(text(row, "sys_id"), text(row, "user"), text(row, "group"),
				text(row, "group.name"));
	}

	static ServiceNowGroup group(JsonNode row) {
		return new ServiceNowGroup(text(row, "sys_id"), text(row, "name"), bool(row, "active"));
	}

	static GroupMembership membership(JsonNode row) {
		return new GroupMembership(text(row, "sys_id"), text(row, "user"), text(row, "group"));
	}

	/**
	 * The names of the roles in a group's role rows, each row checked to belong to the
	 * group.
	 */
	static List<String> groupRoleNames(TableCall call, List<JsonNode> rows, String groupSysId) {
		List<String> names = new ArrayList<>();
		for (JsonNode row : rows) {
			requireAsked(call, row, "group=" + groupSysId, r -> groupSysId.equals(text(r, "group")));
			String roleName = text(row, "role.name");
			// A row whose role was deleted has no name; there is nothing to grant or to
			// check.
			if (!roleName.isEmpty()) {
				names.add(roleName);
			}
		}
		return List.copyOf(names);
	}

	/**
	 * The roles in a user's role rows, each row checked to belong to the user, with the
	 * last login they carry.
	 */
	static UserRoles userRoles(TableCall call, List<JsonNode> rows, String userSysId) {
		List<UserRole> roles = new ArrayList<>();
		String lastLogin = null;
		for (JsonNode row : rows) {
			requireAsked(call, row, "user=" + userSysId, r -> userSysId.equals(text(r, "user")));
			String roleName = text(row, "role.name");
			if (!roleName.isEmpty()) {
				roles.add(new UserRole(roleName, bool(row, "inherited")));
			}
			if (lastLogin == null && !text(row, "user.last_login_time").isEmpty()) {
				lastLogin = text(row, "user.last_login_time");
			}
		}
		return new UserRoles(roles, lastLogin);
	}

}
