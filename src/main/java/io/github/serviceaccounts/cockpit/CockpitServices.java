package io.github.serviceaccounts.cockpit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * What the plugin's resources use. Camunda creates the resources (JAX-RS, outside Spring)
 * for every call, so they find this one instance through {@link #get()}.
 */
@Component
class CockpitServices implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CockpitServices.class);

	private static volatile CockpitServices instance;

	final Inventory inventory;

	final Story story;

	private final ServiceNowClient serviceNow;

	private final String fallbackApproverGroup;

	static final Duration REPORTS_KEPT = Duration.ofMinutes(1);

	private static final int MAX_KEPT = 10_000;

	private final Map<String, Reports> reports = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	final String accountPrefix;

	CockpitServices(DataSource dataSource, ServiceNowClient serviceNow, ServiceAccountsProperties properties,
			@Value("${serviceaccounts.fallback-approver-group:service-account-admins}") String fallbackApproverGroup) {
		NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.inventory = new Inventory(jdbc);
		this.story = new Story(jdbc, serviceNow, properties.defaultGroup());
		this.serviceNow = serviceNow;
		this.fallbackApproverGroup = fallbackApproverGroup;
		this.accountPrefix = properties.accountPrefix();
		instance = this;
	}

	static CockpitServices get() {
		CockpitServices services = instance;
		if (services == null) {
			throw new IllegalStateException("The service accounts plugin is not ready yet");
		}
		return services;
	}

	@Override
	public void destroy() {
		if (instance == this) {
			instance = null;
		}
	}

	/** Who the authenticated user is, and what they may see. */
	Viewer viewer(Authentication authentication) {
		String userId = authentication.getUserId();
		List<String> groups = Optional.ofNullable(authentication.getGroupIds()).orElse(List.of());
		if (groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(fallbackApproverGroup)) {
			return new Viewer(userId, true, Set.of(), List.of());
		}
		return new Viewer(userId, false, inventory.ownedBy(userId), reportsOf(userId));
	}

	/**
	 * Who reports to the user in ServiceNow, read at most once a minute per user: every
	 * page a manager opens would otherwise cost two ServiceNow calls. Someone who stopped
	 * reporting to them stays in their view for that minute at most.
	 */
	private List<String> reportsOf(String userId) {
		Instant now = clock.instant();
		Reports known = reports.get(userId);
		if (known != null && known.readAt().plus(REPORTS_KEPT).isAfter(now)) {
			return known.userNames();
		}
		Optional<List<String>> answer = readReportsOf(userId);
		if (answer.isEmpty()) {
			return List.of();
		}
		List<String> read = answer.get();
		if (reports.size() >= MAX_KEPT) {
			reports.values().removeIf(old -> !old.readAt().plus(REPORTS_KEPT).isAfter(now));
		}
		if (reports.size() < MAX_KEPT) {
			reports.put(userId, new Reports(read, now));
		}
		return read;
	}

	private record Reports(List<String> userNames, Instant readAt) {
	}

	private Optional<List<String>> readReportsOf(String userId) {
		try {
			return Optional.of(serviceNow.findUserByUserName(userId)
				.map(ServiceNowUser::sysId)
				.map(serviceNow::findUserNamesReportingTo)
				.orElse(List.of()));
		}
		catch (ServiceNowException | IllegalArgumentException ex) {
			// Without ServiceNow's answer nobody counts as reporting to them: they see
			// less, never more (and it is not kept: the next page asks again).
			log.info("Who reports to {} could not be read in ServiceNow: {}", userId, ex.getMessage());
			return Optional.empty();
		}
	}

}
