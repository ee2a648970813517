package io.github.serviceaccounts.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowException;

/**
 * {@code /actuator/health/serviceNow}: can the integration account reach ServiceNow and
 * read the default group? Reported on its own, never part of readiness: the engine
 * retries ServiceNow calls by itself, so an outage there must not take the web apps out
 * of the load balancer. Asked at most once a minute, so that health probes do not spend
 * the instance's rate limit.
 */
@Component("serviceNow")
class ServiceNowHealth implements HealthIndicator {

	static final Duration CACHE = Duration.ofMinutes(1);

	private final ServiceNowClient serviceNow;

	private final String defaultGroup;

	private final Clock clock;

	private volatile Health last;

	private volatile Instant lastAsked = Instant.MIN;

	@Autowired
	ServiceNowHealth(ServiceNowClient serviceNow, ServiceAccountsProperties properties) {
		this(serviceNow, properties, Clock.systemUTC());
	}

	ServiceNowHealth(ServiceNowClient serviceNow, ServiceAccountsProperties properties, Clock clock) {
		this.serviceNow = serviceNow;
		this.defaultGroup = properties.defaultGroup();
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = clock.instant();
		if (last == null || lastAsked.plus(CACHE).isBefore(now)) {
			last = ask();
			lastAsked = now;
		}
		return last;
	}

	private Health ask() {
		try {
			boolean found = serviceNow.findGroupByName(defaultGroup).isPresent();
			Health.Builder health = found ? Health.up()
					: Health.down().withDetail("reason", "group '" + defaultGroup + "' not found");
			return health.withDetail("instance", serviceNow.instanceUrl()).build();
		}
		catch (ServiceNowException | IllegalArgumentException ex) {
			return Health.down()
				.withDetail("instance", serviceNow.instanceUrl())
				.withDetail("reason", ex.getMessage())
				.build();
		}
	}

}
