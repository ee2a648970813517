package io.github.serviceaccounts.request;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A list of group names as the process keeps it ({@code additionalGroups},
 * {@code grantedGroups}, {@code requestedGroups}): text, because the forms show and take
 * these variables, with the names separated by commas. The one way in and out, so that
 * what one step writes is what the next one reads.
 */
public final class GroupList {

	private static final String SEPARATOR = ",";

	private GroupList() {
	}

	/**
	 * The names in the text, stripped, without empty ones: "a, b" from " a ,b, ". Empty
	 * for null or blank.
	 */
	public static List<String> parse(String groups) {
		if (groups == null || groups.isBlank()) {
			return List.of();
		}
		return Arrays.stream(groups.split(SEPARATOR)).map(String::strip).filter(group -> !group.isEmpty()).toList();
	}

	/** The text for the names: "a, b". */
	public static String format(Collection<String> groups) {
		return String.join(SEPARATOR + " ", groups);
	}

}
