package io.github.serviceaccounts.cockpit;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.serviceaccounts.servicenow.QueryValues;

/**
 * The inventory and the story, for the authenticated web app user. Every answer is cut to
 * what the user may see ({@link Viewer}); someone who may see no account at all, or asks
 * for one they may not see, gets 403 and no data. Bad parameters answer 400 naming the
 * parameter and its rule, before anything is read.
 */
public class AccountsResource extends AbstractCockpitPluginResource {

	private static final Logger log = LoggerFactory.getLogger(AccountsResource.class);

	static final String ENGINE = "default";

	static final int MAX_PAGE = 1000;

	private static final Map<String, Comparator<AccountRow>> SORTS = sorts();

	public AccountsResource(String engineName) {
		super(engineName);
	}

	@GET
	@Path("accounts")
	@Produces(MediaType.APPLICATION_JSON)
	public Map<String, Object> inventory(@QueryParam("owner") String owner, @QueryParam("state") String state,
			@QueryParam("unusedDays") String unusedDays, @QueryParam("sortBy") String sortBy,
			@QueryParam("sortOrder") String sortOrder, @QueryParam("firstResult") String firstResult,
			@QueryParam("maxResults") String maxResults) {
		Filter filter = Filter.of(owner, state, unusedDays, sortBy, sortOrder);
		int first = number("firstResult", firstResult, 0, 0, Integer.MAX_VALUE);
		int max = number("maxResults", maxResults, 50, 1, MAX_PAGE);
		List<AccountRow> rows = rows(filter);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("total", rows.size());
		answer.put("firstResult", first);
		answer.put("maxResults", max);
		answer.put("accounts", rows.stream().skip(first).limit(max).map(AccountsResource::json).toList());
		return answer;
	}

	@GET
	@Path("accounts.csv")
	@Produces("text/csv")
	public Response csv(@QueryParam("owner") String owner, @QueryParam("state") String state,
			@QueryParam("unusedDays") String unusedDays, @QueryParam("sortBy") String sortBy,
			@QueryParam("sortOrder") String sortOrder) {
		List<AccountRow> rows = rows(Filter.of(owner, state, unusedDays, sortBy, sortOrder));
		StringBuilder csv = new StringBuilder(
				"account,owner,owner's manager,state,last use,next review,open tasks,open incidents\r\n");
		for (AccountRow row : rows) {
			csv.append(String.join(",", cell(row.account()), cell(row.owner()), cell(row.ownerManager()),
					cell(row.state().label()), cell(row.lastUse()),
					cell(row.nextReview() == null ? null : row.nextReview().toString()), Long.toString(row.openTasks()),
					Long.toString(row.openIncidents())))
				.append("\r\n");
		}
		return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
			.header("Content-Disposition", "attachment; filename=\"service-accounts.csv\"")
			.build();
	}

	/**
	 * The account's story as the engine recorded it. The account as ServiceNow has it now
	 * is a call of its own ({@link #serviceNow}), so that a slow or paced ServiceNow
	 * never holds the story up.
	 */
	@GET
	@Path("accounts/{account}")
	@Produces(MediaType.APPLICATION_JSON)
	public Map<String, Object> story(@PathParam("account") String account) {
		String name = userName("account", account);
		Story.History history = visibleHistory(name);
		Map<String, Object> story = new LinkedHashMap<>();
		story.put("account", name);
		story.put("owner", history.owner().orElse(null));
		story.put("instances", history.instances());
		return story;
	}

	/**
	 * The account as ServiceNow has it now, read live, with its differences from what the
	 * product last wrote; the same rules as the story decide who may see it.
	 */
	@GET
	@Path("accounts/{account}/servicenow")
	@Produces(MediaType.APPLICATION_JSON)
	public Map<String, Object> serviceNow(@PathParam("account") String account) {
		String name = userName("account", account);
		return CockpitServices.get().story.serviceNow(name, visibleHistory(name));
	}

	private Story.History visibleHistory(String name) {
		Viewer viewer = viewer();
		Optional<Story.History> history = CockpitServices.get().story.history(name);
		if (history.isEmpty()) {
			if (viewer.seesAll()) {
				throw new RestException(Status.NOT_FOUND,
						"No process instance has the business key '" + name + "': the product never knew this account");
			}
			throw forbidden(viewer, name);
		}
		if (!viewer.sees(name, history.get().owner().orElse(null))) {
			throw forbidden(viewer, name);
		}
		return history.get();
	}

	private List<AccountRow> rows(Filter filter) {
		Viewer viewer = viewer();
		if (viewer.seesNothing()) {
			throw forbidden(viewer, null);
		}
		Instant now = Instant.now();
		return CockpitServices.get().inventory.all()
			.stream()
			.filter(row -> viewer.sees(row.account(), row.owner()))
			.filter(row -> filter.owner() == null || filter.owner().equalsIgnoreCase(row.owner()))
			.filter(row -> filter.state() == null || filter.state() == row.state())
			.filter(row -> filter.unusedDays() == null || (row.state() != AccountState.RETIRED
					&& row.state() != AccountState.REQUESTED && row.unusedDays(now) > filter.unusedDays()))
			.sorted(filter.order())
			.toList();
	}

	private Viewer viewer() {
		if (!ENGINE.equals(engineName)) {
			throw new RestException(Status.NOT_FOUND,
					"No process engine '" + engineName + "'; there is only '" + ENGINE + "'");
		}
		Authentication authentication = getCurrentAuthentication();
		if (authentication == null || authentication.getUserId() == null) {
			throw new RestException(Status.UNAUTHORIZED, "Sign in to Cockpit first");
		}
		return CockpitServices.get().viewer(authentication);
	}

	private static RestException forbidden(Viewer viewer, String account) {
		log.info("refused: {} may not see {}", viewer.userId(), account == null ? "the inventory" : account);
		return new RestException(Status.FORBIDDEN,
				account == null
						? "You (" + viewer.userId() + ") own no service account, and nobody who owns one reports to you"
						: "You (" + viewer.userId() + ") may not see the service account '" + account
								+ "': only its owners, their managers, the fallback approvers and administrators may");
	}

	record Filter(String owner, AccountState state, Integer unusedDays, Comparator<AccountRow> order) {

		static Filter of(String owner, String state, String unusedDays, String sortBy, String sortOrder) {
			String ownerName = owner == null || owner.isBlank() ? null : userName("owner", owner);
			AccountState wanted = state == null || state.isBlank() ? null : AccountState.parse(state)
				.orElseThrow(() -> new RestException(Status.BAD_REQUEST,
						"state: '" + printable(state) + "' is not a state; use one of: " + AccountState.labels()));
			Integer days = unusedDays == null || unusedDays.isBlank() ? null
					: number("unusedDays", unusedDays, 0, 0, 36500);
			String by = sortBy == null || sortBy.isBlank() ? "account" : sortBy;
			Comparator<AccountRow> order = SORTS.get(by);
			if (order == null) {
				throw new RestException(Status.BAD_REQUEST, "sortBy: '" + printable(by)
						+ "' is not sortable; use one of: " + String.join(", ", SORTS.keySet()));
			}
			String direction = sortOrder == null || sortOrder.isBlank() ? "asc" : sortOrder.toLowerCase(Locale.ROOT);
			if (!direction.equals("asc") && !direction.equals("desc")) {
				throw new RestException(Status.BAD_REQUEST,
						"sortOrder: '" + printable(sortOrder) + "' must be asc or desc");
			}
			order = order.thenComparing(AccountRow::account);
			return new Filter(ownerName, wanted, days, direction.equals("desc") ? order.reversed() : order);
		}

	}

	static String userName(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new RestException(Status.BAD_REQUEST, field + ": required, a ServiceNow user name");
		}
		try {
			return QueryValues.userName(field, value);
		}
		catch (IllegalArgumentException ex) {
			throw new RestException(Status.BAD_REQUEST, field + ": '" + printable(value)
					+ "' is not a ServiceNow user name (1 to 40 letters, digits, '.', '_', '@' or '-')");
		}
	}

	static int number(String field, String value, int absent, int min, int max) {
		if (value == null || value.isBlank()) {
			return absent;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new RestException(Status.BAD_REQUEST,
				field + ": '" + printable(value) + "' must be a whole number from " + min + " to " + max);
	}

	/** A value echoed in a message: printable, and short. */
	static String printable(String value) {
		String clean = value.replaceAll("[^\\x20-\\x7E]", "?");
		return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
	}

	static Map<String, Object> json(AccountRow row) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("account", row.account());
		json.put("owner", row.owner());
		json.put("ownerManager", row.ownerManager());
		json.put("state", row.state().label());
		json.put("lastUse", row.lastUse());
		json.put("nextReview", row.nextReview() == null ? null : row.nextReview().toString());
		json.put("openTasks", row.openTasks());
		json.put("openIncidents", row.openIncidents());
		return json;
	}

	/**
	 * A CSV cell; a leading =, +, - or @ is defused, so a spreadsheet shows it as text.
	 */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String text = value.matches("^[=+\\-@\t\r].*") ? "'" + value : value;
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private static Map<String, Comparator<AccountRow>> sorts() {
		Map<String, Comparator<AccountRow>> sorts = new LinkedHashMap<>();
		sorts.put("account", Comparator.comparing(AccountRow::account, String.CASE_INSENSITIVE_ORDER));
		sorts.put("owner", nullsLast(AccountRow::owner));
		sorts.put("ownerManager", nullsLast(AccountRow::ownerManager));
		sorts.put("state", Comparator.comparing(AccountRow::state));
		sorts.put("lastUse", nullsLast(AccountRow::lastUse));
		sorts.put("nextReview",
				Comparator.comparing(AccountRow::nextReview, Comparator.nullsLast(Comparator.naturalOrder())));
		sorts.put("openTasks", Comparator.comparingLong(AccountRow::openTasks));
		sorts.put("openIncidents", Comparator.comparingLong(AccountRow::openIncidents));
		return sorts;
	}

	private static Comparator<AccountRow> nullsLast(Function<AccountRow, String> key) {
		return Comparator.comparing(key, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
	}

}
