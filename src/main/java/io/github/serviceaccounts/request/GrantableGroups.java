package io.github.serviceaccounts.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;

/**
 * Resolves a group name to the ServiceNow group that may be granted: it must exist, be
 * active and hold no privileged role, whatever the allow-list says.
 * <p>
 * A group's {@code sys_id} never changes and its roles rarely do, so a group found
 * grantable is remembered for {@code serviceaccounts.group-cache-ttl} (default 10
 * minutes): that saves two ServiceNow calls per group in every "Check request" and "Add
 * account to groups". Only good answers are kept; a missing, inactive or privileged group
 * is asked again every time, and the roles a membership really grants are checked on the
 * account after every insert anyway.
 */
@Component
public class GrantableGroups {

	static final Set<String> PRIVILEGED_ROLES = Set.of("admin", "security_admin");

	private final ServiceNowClient serviceNow;

	private final Duration ttl;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private record Cached(GrantableGroup group, Instant until) {
	}

	public GrantableGroups(ServiceNowClient serviceNow) {
		this(serviceNow, Duration.ZERO, Clock.systemUTC());
	}

	@Autowired
	GrantableGroups(ServiceNowClient serviceNow, ServiceAccountsProperties properties) {
		this(serviceNow, properties.groupCacheTtl(), Clock.systemUTC());
	}

	GrantableGroups(ServiceNowClient serviceNow, Duration ttl, Clock clock) {
		this.serviceNow = serviceNow;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * @throws GroupNotGrantableException naming the group and why
	 */
	public GrantableGroup require(String field, String groupName) {
		String key = groupName.toLowerCase(Locale.ROOT);
		Cached cached = cache.get(key);
		Instant now = clock.instant();
		if (cached != null && now.isBefore(cached.until())) {
			return cached.group();
		}
		GrantableGroup group = lookUp(field, groupName);
		if (!ttl.isZero() && !ttl.isNegative()) {
			cache.put(key, new Cached(group, now.plus(ttl)));
		}
		return group;
	}

	private GrantableGroup lookUp(String field, String groupName) {
		ServiceNowGroup group = serviceNow.findGroupByName(QueryValues.groupName(field, groupName))
			.orElseThrow(() -> new GroupNotGrantableException(
					field + ": the group '" + groupName + "' does not exist in ServiceNow"));
		if (!group.active()) {
			throw new GroupNotGrantableException(field + ": the group '" + groupName + "' is inactive in ServiceNow");
		}
		List<String> roles = serviceNow.findGroupRoleNames(group.sysId());
		List<String> privileged = roles.stream()
			.filter(role -> PRIVILEGED_ROLES.contains(role.toLowerCase(Locale.ROOT)))
			.toList();
		if (!privileged.isEmpty()) {
			throw new GroupNotGrantableException(field + ": the group '" + groupName + "' holds "
					+ String.join(", ", privileged) + " and is never granted to a service account");
		}
		return new GrantableGroup(group, roles);
	}

	/** A group that may be granted, with the roles its members inherit. */
	public record GrantableGroup(ServiceNowGroup group, List<String> roles) {
	}

	/** A group that cannot be granted; a business refusal, not a technical failure. */
	public static class GroupNotGrantableException extends RuntimeException {

		GroupNotGrantableException(String message) {
			super(message);
		}

	}

}
