package io.github.serviceaccounts.servicenow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ServiceNow encoded query of AND-ed {@code field=value} terms:
 * {@code EncodedQuery.where("user", userSysId).and("group", groupSysId).build()}; a term
 * may instead allow one of several values of one field ({@link #whereAnyOf}:
 * {@code field=a^ORfield=b}, which ServiceNow binds before the {@code ^} that joins it to
 * the next term).
 * <p>
 * Values are expected to have passed {@link QueryValues}; they are checked again here
 * against the union of those rules, so that a value that skipped validation cannot
 * smuggle {@code ^NQ} or {@code javascript:} into a query. Field names are checked too,
 * because ServiceNow silently drops an unknown field, which widens the match instead of
 * failing. Instances are immutable.
 */
public final class EncodedQuery {

	private static final Pattern FIELD = Pattern.compile("[a-z_]+(\\.[a-z_]+)?");

	private final List<String> terms;

	private EncodedQuery(List<String> terms) {
		this.terms = terms;
	}

	public static EncodedQuery where(String field, String value) {
		return new EncodedQuery(List.of(term(field, value)));
	}

	/** {@code field=a^ORfield=b...}: any of the values (at least one). */
	public static EncodedQuery whereAnyOf(String field, List<String> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("An OR of '" + field + "' values needs at least one value; "
					+ "an empty one would match every record");
		}
		return new EncodedQuery(List.of(String.join("^OR", values.stream().map(value -> term(field, value)).toList())));
	}

	public EncodedQuery and(String field, String value) {
		List<String> more = new ArrayList<>(this.terms);
		more.add(term(field, value));
		return new EncodedQuery(Collections.unmodifiableList(more));
	}

	/**
	 * Sorts by the field, ascending ({@code ^ORDERBYfield}): paging by offset is only
	 * stable over a fixed order. An unknown field would be dropped and leave the order to
	 * the instance, so the name is checked like a term's.
	 */
	public EncodedQuery orderBy(String field) {
		List<String> more = new ArrayList<>(this.terms);
		more.add("ORDERBY" + fieldName(field));
		return new EncodedQuery(Collections.unmodifiableList(more));
	}

	/**
	 * The query as ServiceNow reads it, not yet URL-encoded (the client encodes the whole
	 * query).
	 */
	public String build() {
		return String.join("^", this.terms);
	}

	@Override
	public String toString() {
		return build();
	}

	private static String term(String field, String value) {
		return fieldName(field) + "=" + QueryValues.anyValue(field, value);
	}

	private static String fieldName(String field) {
		if (field == null || !FIELD.matcher(field).matches()) {
			throw new IllegalArgumentException("'" + field
					+ "' is not a ServiceNow field name this client queries (rule: lowercase letters and '_', "
					+ "at most one dot-walk)");
		}
		return field;
	}

}
