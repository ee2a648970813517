package io.github.serviceaccounts.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one allow-list of the engine API, the same at {@code /engine-rest} and at
 * {@code /camunda/api/engine}: what requesters and approvers use in Tasklist, what
 * operators use in Cockpit, what administrators use in Admin, and what a ServiceNow
 * catalog item uses to start a request. Paths are within the default engine's API and
 * canonical ({@link EngineApiWall}). Camunda's authorizations then decide who may do
 * which of these; {@link EngineGuard} refuses what nobody may do, whatever the route.
 * <p>
 * Not on the list, so 403 before the engine sees it: deployments, variables changed
 * directly, instance modification, restart and migration, messages and signals, batches,
 * engine properties and schema, the history's deletion, and whatever else the product
 * does not use.
 */
final class EngineApiRoutes {

	private record Route(String method, Pattern path) {
	}

	private static final String ID = "[A-Za-z0-9:._-]+";

	private static final String KEY = "(key/" + ID + "|" + ID + ")";

	/** Reads: the resources the three web apps and the product show. */
	private static final Pattern READS = Pattern
		.compile("(/(engine|version|process-definition|task|filter|process-instance"
				+ "|history|incident|job|job-definition|deployment|user|group|authorization|tenant|identity|execution"
				+ "|variable-instance|decision-definition|decision-requirements-definition|case-definition|batch|metrics"
				+ "|telemetry|external-task|event-subscription)(/.*)?)?");

	private static final List<Route> WRITES = List.of(
			// Tasklist: start a request, work on tasks, read tasks through filters
			route("POST", "/process-definition/" + KEY + "/(start|submit-form)"), route("POST", "/task(/count)?"),
			route("POST", "/task/" + ID + "/(complete|submit-form|claim|unclaim|assignee)"),
			route("POST", "/task/" + ID + "/comment/create"),
			route("POST", "/task/" + ID + "/identity-links(/delete)?"),
			route("POST", "/filter/" + ID + "/(list|count|singleResult)"), route("POST", "/filter/create"),
			route("PUT", "/filter/" + ID), route("DELETE", "/filter/" + ID),
			// Cockpit: queries, retries of failed steps, suspension, cancelling a request
			route("POST", "/(process-instance|execution|job|variable-instance|external-task|incident)(/count)?"),
			route("POST",
					"/history/(process-instance|activity-instance|task|variable-instance|incident|job-log|user-operation"
							+ "|detail|decision-instance)(/count)?"),
			route("PUT", "/job/" + ID + "/(retries|suspended|duedate)"),
			route("PUT", "/job-definition/" + ID + "/(retries|suspended)"),
			route("PUT", "/(process-instance|process-definition|job-definition)/" + KEY + "/suspended"),
			route("PUT", "/incident/" + ID + "/annotation"), route("DELETE", "/process-instance/" + ID),
			// Admin: users, groups, tenants and authorizations (Camunda administrators
			// only, by authorization)
			route("POST", "/(group|tenant)(/count)?"), route("POST", "/(user|group|tenant|authorization)/create"),
			route("POST", "/user/" + ID + "/unlock"), route("POST", "/identity/(password-policy|verify)"),
			route("PUT", "/user/" + ID + "/(profile|credentials)"), route("PUT", "/(group|tenant|authorization)/" + ID),
			route("DELETE", "/(user|group|tenant|authorization)/" + ID),
			route("(PUT|DELETE)", "/group/" + ID + "/members/" + ID),
			route("(PUT|DELETE)", "/tenant/" + ID + "/(user|group)-members/" + ID));

	/** Queries whose body may carry task query criteria, expressions included. */
	private static final Pattern QUERIES = Pattern.compile("/(task(/count)?|filter/.*|history/task(/count)?)");

	private EngineApiRoutes() {
	}

	private static Route route(String method, String path) {
		return new Route(method, Pattern.compile(path));
	}

	static boolean allowed(String method, String path) {
		if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
			return READS.matcher(path).matches();
		}
		return WRITES.stream()
			.anyMatch(route -> method.matches(route.method()) && route.path().matcher(path).matches());
	}

	/**
	 * Starts and completions, whose bodies carry variables (and, for a start,
	 * instructions).
	 */
	private static final Pattern SUBMISSIONS = Pattern.compile(
			"/(process-definition/" + KEY + "/(start|submit-form)|task/" + ID + "/(complete|submit-form|resolve))");

	static boolean isSubmission(String method, String path) {
		return "POST".equals(method) && SUBMISSIONS.matcher(path).matches();
	}

	static boolean isQuery(String method, String path) {
		return !"GET".equals(method) && QUERIES.matcher(path).matches();
	}

}
