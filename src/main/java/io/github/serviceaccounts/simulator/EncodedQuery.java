package io.github.serviceaccounts.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ServiceNow's encoded query language with its dangerous quirks reproduced on purpose:
 * {@code ^} inside a value splits the query (there is no escape), {@code ^NQ} starts an
 * OR-ed query, conditions on unknown fields are silently dropped (widening the match) and
 * {@code javascript:} values would run on the server. The product must defend against all
 * of these, and the simulator must let the product's tests see it fail when it does not.
 */
final class EncodedQuery {

	/**
	 * Conditions OR-ed together; an empty clause was wholly dropped and matches
	 * everything.
	 */
	private record Clause(List<Condition> alternatives) {
	}

	private record Condition(List<TableSchema.Field> path, Operator operator, String value) {
	}

	private enum Operator {

		IS_NOT_EMPTY("ISNOTEMPTY", (actual, expected) -> !actual.isEmpty()),
		IS_EMPTY("ISEMPTY", (actual, expected) -> actual.isEmpty()),
		EMPTY_STRING("EMPTYSTRING", (actual, expected) -> actual.isEmpty()),
		ANYTHING("ANYTHING", (actual, expected) -> true), NOT_IN("NOT IN", (actual, expected) -> !in(actual, expected)),
		NOT_LIKE("NOT LIKE", (actual, expected) -> !lower(actual).contains(lower(expected))),
		STARTS_WITH("STARTSWITH", (actual, expected) -> lower(actual).startsWith(lower(expected))),
		ENDS_WITH("ENDSWITH", (actual, expected) -> lower(actual).endsWith(lower(expected))),
		LIKE("LIKE", (actual, expected) -> lower(actual).contains(lower(expected))), IN("IN", EncodedQuery::in),
		NOT_EQUALS("!=", (actual, expected) -> !actual.equalsIgnoreCase(expected)),
		GREATER_OR_EQUAL(">=", (actual, expected) -> compare(actual, expected) >= 0),
		LESS_OR_EQUAL("<=", (actual, expected) -> compare(actual, expected) <= 0),
		EQUALS("=", String::equalsIgnoreCase), GREATER(">", (actual, expected) -> compare(actual, expected) > 0),
		LESS("<", (actual, expected) -> compare(actual, expected) < 0);

		private final String token;

		private final BiPredicate<String, String> test;

		Operator(String token, BiPredicate<String, String> test) {
			this.token = token;
			this.test = test;
		}

	}

	// Field names are lower case on instances, so the first upper-case letter or symbol
	// starts the operator.
	private static final Pattern FIELD = Pattern.compile("^([a-z0-9_.]+)(.*)$", Pattern.DOTALL);

	/** One {@code ORDERBY}/{@code ORDERBYDESC} term, in the order written. */
	private record Order(List<TableSchema.Field> path, boolean descending) {
	}

	private final List<List<Clause>> queries;

	private final List<Order> orders;

	private EncodedQuery(List<List<Clause>> queries, List<Order> orders) {
		this.queries = queries;
		this.orders = orders;
	}

	/**
	 * @param warnings receives one line per dropped condition or dangerous value, for the
	 * request log; the real instance says nothing, which is exactly why the product's
	 * tests need to see it
	 */
	static EncodedQuery parse(String text, TableSchema.Table table, List<String> warnings) {
		List<List<Clause>> queries = new ArrayList<>();
		List<Order> orders = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return new EncodedQuery(queries, orders);
		}
		for (String query : text.split("\\^NQ", -1)) {
			List<Clause> clauses = new ArrayList<>();
			for (String token : query.split("\\^", -1)) {
				if (token.isEmpty() || token.equals("EQ")) {
					continue;
				}
				if (token.startsWith("ORDERBY")) {
					order(token, table, warnings).ifPresent(orders::add);
					continue;
				}
				boolean or = token.startsWith("OR") && !clauses.isEmpty();
				Condition condition = parseCondition(or ? token.substring(2) : token, table, warnings);
				if (or) {
					if (condition != null && !clauses.get(clauses.size() - 1).alternatives().isEmpty()) {
						clauses.get(clauses.size() - 1).alternatives().add(condition);
					}
					else {
						// Unsure whether an instance drops only the alternative
						// (narrowing the OR) or treats it as
						// true; treating it as true is the wider, safer reading for the
						// product's tests.
						clauses.set(clauses.size() - 1, new Clause(new ArrayList<>()));
					}
				}
				else {
					clauses
						.add(new Clause(condition == null ? new ArrayList<>() : new ArrayList<>(List.of(condition))));
				}
			}
			queries.add(clauses);
		}
		return new EncodedQuery(queries, orders);
	}

	/**
	 * An unknown field in an order is dropped like one in a condition: the order is then
	 * the table's own.
	 */
	private static Optional<Order> order(String token, TableSchema.Table table, List<String> warnings) {
		boolean descending = token.startsWith("ORDERBYDESC");
		String field = token.substring(descending ? "ORDERBYDESC".length() : "ORDERBY".length());
		var path = TableSchema.resolvePath(table, field);
		if (path.isEmpty()) {
			warnings.add("sysparm_query orders by unknown field '" + field + "' of " + table.name()
					+ "; a real instance silently ignores it");
			return Optional.empty();
		}
		return Optional.of(new Order(path.get(), descending));
	}

	/**
	 * The matches in the order the query asks for (stable, so ties keep insertion order);
	 * as they are when it asks for none.
	 */
	List<Map<String, String>> sorted(Tables tables, List<Map<String, String>> records) {
		if (orders.isEmpty()) {
			return records;
		}
		Comparator<Map<String, String>> comparator = null;
		for (Order order : orders) {
			boolean numeric = order.path().get(order.path().size() - 1).type() == TableSchema.Type.INTEGER;
			Comparator<String> values = numeric ? Comparator.comparing(EncodedQuery::number)
					: String.CASE_INSENSITIVE_ORDER;
			Comparator<Map<String, String>> next = Comparator
				.comparing(record -> RecordRenderer.walk(tables, record, order.path()), values);
			next = order.descending() ? next.reversed() : next;
			comparator = comparator == null ? next : comparator.thenComparing(next);
		}
		List<Map<String, String>> sorted = new ArrayList<>(records);
		sorted.sort(comparator);
		return sorted;
	}

	/**
	 * A condition "field=value1^ORfield=value2..." on the record's own field that every
	 * match must meet.
	 */
	record Equality(String field, List<String> values) {
	}

	/**
	 * The equalities that narrow the rows to look at: none when the query has ^NQ, else
	 * each AND-ed clause whose conditions are all "=" on one and the same field of the
	 * table itself (not dot-walked), such as {@code user_name=a} or
	 * {@code user_name=a^ORuser_name=b}. Every candidate must still pass
	 * {@link #matches}.
	 */
	List<Equality> narrowingEqualities() {
		if (queries.size() != 1) {
			return List.of();
		}
		return queries.get(0)
			.stream()
			.filter(clause -> !clause.alternatives().isEmpty())
			.filter(clause -> clause.alternatives()
				.stream()
				.allMatch(condition -> condition.operator() == Operator.EQUALS && condition.path().size() == 1
						&& condition.path().get(0).equals(clause.alternatives().get(0).path().get(0))))
			.map(clause -> new Equality(clause.alternatives().get(0).path().get(0).name(),
					clause.alternatives().stream().map(Condition::value).toList()))
			.toList();
	}

	boolean matches(Tables tables, Map<String, String> record) {
		if (queries.isEmpty()) {
			return true;
		}
		for (List<Clause> query : queries) {
			if (query.stream().allMatch(clause -> matches(tables, record, clause))) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(Tables tables, Map<String, String> record, Clause clause) {
		if (clause.alternatives().isEmpty()) {
			return true;
		}
		for (Condition condition : clause.alternatives()) {
			String actual = RecordRenderer.walk(tables, record, condition.path());
			if (condition.operator().test.test(actual, condition.value())) {
				return true;
			}
		}
		return false;
	}

	private static Condition parseCondition(String text, TableSchema.Table table, List<String> warnings) {
		Matcher matcher = FIELD.matcher(text);
		if (!matcher.matches()) {
			warnings.add("sysparm_query condition '" + text
					+ "' has no field name and was dropped (the query matches more records)");
			return null;
		}
		String fieldPath = matcher.group(1);
		String rest = matcher.group(2);
		Operator operator = Arrays.stream(Operator.values())
			.filter(candidate -> rest.startsWith(candidate.token))
			.findFirst()
			.orElse(null);
		if (operator == null) {
			warnings.add("sysparm_query condition '" + text
					+ "' has no known operator and was dropped (the query matches more records)");
			return null;
		}
		String value = rest.substring(operator.token.length());
		if (value.regionMatches(true, 0, "javascript:", 0, "javascript:".length())) {
			warnings.add("DANGEROUS: sysparm_query value '" + value
					+ "' would be executed as server-side script on a real instance;"
					+ " the simulator lets the condition match everything");
			return null;
		}
		var path = TableSchema.resolvePath(table, fieldPath);
		if (path.isEmpty()) {
			warnings.add("sysparm_query names unknown field '" + fieldPath + "' of " + table.name()
					+ "; a real instance silently drops the condition, so the query matches more records");
			return null;
		}
		TableSchema.Field last = path.get().get(path.get().size() - 1);
		if (last.type() == TableSchema.Type.BOOLEAN && operator == Operator.EQUALS) {
			value = value.equals("1") ? "true" : value.equals("0") ? "false" : value;
		}
		return new Condition(path.get(), operator, value);
	}

	private static boolean in(String actual, String expected) {
		return Arrays.stream(expected.split(",")).map(String::trim).anyMatch(actual::equalsIgnoreCase);
	}

	private static int compare(String actual, String expected) {
		try {
			return new BigDecimal(actual).compareTo(new BigDecimal(expected));
		}
		catch (NumberFormatException notNumbers) {
			// Date-times "YYYY-MM-DD HH:MM:SS" compare correctly as text.
			return actual.compareToIgnoreCase(expected);
		}
	}

	// Decided by the field's type, so that the order is total: mixing numeric and text
	// comparison is not.
	private static BigDecimal number(String text) {
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException notANumber) {
			return BigDecimal.ZERO;
		}
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
