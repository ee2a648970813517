package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP front door. A servlet filter rather than a controller so that it
 * answers before anything of the product (MVC converters, error pages, Spring Security)
 * can change what a ServiceNow client sees: to the product this is a separate HTTP
 * service that happens to share the JVM.
 */
final class SimulatorHttpFilter implements Filter {

	private static final Logger log = LoggerFactory.getLogger(SimulatorHttpFilter.class);

	private static final String SESSION_COOKIE = "glide_session_store";

	private static final int RATE_LIMIT_PER_HOUR = 1000;

	private static final Pattern SECRET_IN_QUERY = Pattern
		.compile("(?i)((?:user_password|client_secret|password)(?:!=|=|LIKE|STARTSWITH|ENDSWITH|IN))[^&^]*");

	private final ServiceNowSimulator simulator;

	private final TableApi tableApi;

	private final ControlApi controlApi;

	private final Credentials credentials;

	private final AccountLogins accountLogins;

	private final RestApiExplorerPage explorerPage = new RestApiExplorerPage();

	private final OAuthTokens tokens;

	private final String configuredInstanceUrl;

	private final Clock clock;

	/**
	 * @param configuredInstanceUrl what links start with; null to derive it from each
	 * request
	 */
	SimulatorHttpFilter(ServiceNowSimulator simulator, Credentials credentials, OAuthTokens tokens,
			String configuredInstanceUrl, Clock clock) {
		this.simulator = simulator;
		this.tableApi = new TableApi(simulator.store());
		this.controlApi = new ControlApi(simulator);
		this.credentials = credentials;
		this.accountLogins = new AccountLogins(simulator.store(), simulator.integrationUserName());
		this.tokens = tokens;
		this.configuredInstanceUrl = configuredInstanceUrl == null || configuredInstanceUrl.isBlank() ? null
				: configuredInstanceUrl.replaceAll("/+$", "");
		this.clock = clock;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		String path = http.getRequestURI().substring(http.getContextPath().length());
		if (!path.equals(ServiceNowSimulator.PATH_PREFIX) && !path.startsWith(ServiceNowSimulator.PATH_PREFIX + "/")) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		if (!isLoopback(http.getRemoteAddr())) {
			// A stand-in that anyone on the network could rewrite would let them steer
			// the demo.
			write(response,
					SimResponse.error(403, "The embedded ServiceNow simulator answers this machine only", null));
			return;
		}
		SimRequest request = new SimRequest(http.getMethod(), path.substring(ServiceNowSimulator.PATH_PREFIX.length()),
				http.getQueryString(), SimRequest.parseForm(http.getQueryString()), http.getHeader("Authorization"),
				http.getHeader("Cookie"), http.getInputStream().readAllBytes(), instanceUrl(http));
		SimResponse answer;
		try {
			answer = dispatch(request);
		}
		catch (RuntimeException e) {
			log.error("ServiceNow simulator failed on {} {}", request.method(), request.path(), e);
			answer = SimResponse.error(500, "Internal Server Error", e.getMessage());
		}
		write(response, answer);
	}

	static boolean isLoopback(String address) {
		// The container gives the peer's address as a literal: 127.0.0.0/8, or ::1 in one
		// of its spellings.
		return address != null && (address.startsWith("127.") || address.equals("::1")
				|| address.equals("0:0:0:0:0:0:0:1") || address.equals("[::1]") || address.equals("[0:0:0:0:0:0:0:1]"));
	}

	private SimResponse dispatch(SimRequest request) {
		if (request.path().equals("/oauth_token.do")) {
			SimResponse answer = request.method().equals("POST")
					? tokens.issue(SimRequest.parseForm(new String(request.body(), StandardCharsets.UTF_8)),
							request.authorization())
					: SimResponse.error(405, "Method not Supported", null);
			record(request, answer, null, List.of());
			return answer;
		}
		if (ControlApi.handles(request.path())) {
			// The instance's own accounts never steer the simulator.
			return integration(request).isPresent() ? controlApi.handle(request) : unauthorized();
		}
		if (RestApiExplorerPage.handles(request.path())) {
			SimResponse answer = explorerPage.answer(request);
			record(request, answer, null, List.of());
			return answer;
		}
		if (request.path().startsWith("/api/")) {
			return tableApi(request);
		}
		return SimResponse.error(400, "Requested URI does not represent any resource: " + request.path(), null);
	}

	private SimResponse tableApi(SimRequest request) {
		List<String> warnings = new ArrayList<>();
		if (request.cookies() != null && request.cookies().contains(SESSION_COOKIE + "=")) {
			warnings
				.add("request carried the session cookie " + SESSION_COOKIE + "; a real instance serves such requests"
						+ " one at a time and may answer 202 with no body: keep no cookies");
		}
		Fault fault = null;
		SimResponse answer;
		Optional<Caller> caller = authenticate(request);
		if (caller.isEmpty()) {
			answer = unauthorized();
		}
		else {
			sleep(simulator.faults().latencyMillis());
			Optional<TableRoute> route = TableRoute.parse(request.path());
			fault = route.flatMap(found -> simulator.faults().next(request.method(), found.table())).orElse(null);
			answer = withFault(fault, request, caller.get(), warnings);
		}
		answer = answer.withHeader("Set-Cookie",
				SESSION_COOKIE + "=" + sessionId() + "; Path=" + ServiceNowSimulator.PATH_PREFIX + "; HttpOnly");
		record(request, answer, fault, warnings);
		return answer;
	}

	/**
	 * A fresh session id per answer, as a real instance hands out to a client that keeps
	 * no cookies.
	 */
	private static String sessionId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
	}

	private SimResponse withFault(Fault fault, SimRequest request, Caller caller, List<String> warnings) {
		if (fault == null) {
			return tableApi.handle(request, caller, warnings);
		}
		return switch (fault) {
			case INTERNAL_SERVER_ERROR -> SimResponse.error(500, "Internal Server Error", null);
			case BAD_GATEWAY -> proxyError(502, "Bad Gateway");
			case SERVICE_UNAVAILABLE -> proxyError(503, "Service Unavailable");
			case GATEWAY_TIMEOUT -> proxyError(504, "Gateway Time-out");
			case RATE_LIMITED -> rateLimited();
			case TIMEOUT -> {
				sleep(simulator.faults().timeoutMillis());
				yield tableApi.handle(request, caller, warnings);
			}
			case COMMIT_THEN_FAIL -> {
				SimResponse committed = tableApi.handle(request, caller, warnings);
				yield committed.isSuccess() ? transactionCancelled() : committed;
			}
			case TRUNCATED_BODY -> {
				SimResponse complete = tableApi.handle(request, caller, warnings);
				yield complete.isSuccess() && complete.body() != null ? truncated(complete) : complete;
			}
		};
	}

	/**
	 * The integration account (its basic credentials or an OAuth token), or else one of
	 * the instance's accounts logging in with its own password (read only).
	 */
	private Optional<Caller> authenticate(SimRequest request) {
		Optional<Caller> integration = integration(request);
		if (integration.isPresent()) {
			return integration;
		}
		String[] basic = Credentials.decodeBasic(request.authorization());
		return basic == null ? Optional.empty() : accountLogins.login(basic[0], basic[1]);
	}

	private Optional<Caller> integration(SimRequest request) {
		String authorization = request.authorization();
		boolean valid = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? tokens.isValid(authorization.substring(7).trim()) : credentials.matchesBasic(authorization);
		return valid ? Optional.of(Caller.integration(simulator.integrationUserName())) : Optional.empty();
	}

	private static SimResponse unauthorized() {
		return SimResponse.error(401, "User Not Authenticated", "Required to provide Auth information")
			.withHeader("WWW-Authenticate", "BASIC realm=\"Service-now\"");
	}

	/**
	 * 502 to 504 come from the load balancer in front of the instance: HTML, not
	 * ServiceNow's JSON.
	 */
	private static SimResponse proxyError(int status, String reason) {
		return SimResponse.text(status, "text/html;charset=UTF-8", "<html><head><title>" + status + " " + reason
				+ "</title></head><body><center><h1>" + status + " " + reason + "</h1></center></body></html>");
	}

	private SimResponse rateLimited() {
		int retryAfter = simulator.faults().retryAfterSeconds();
		return SimResponse
			.error(429, "Rate limit exceeded",
					"Rate limit of " + RATE_LIMIT_PER_HOUR + " requests per hour for Table API exceeded")
			.withHeader("Retry-After", Integer.toString(retryAfter))
			.withHeader("X-RateLimit-Limit", Integer.toString(RATE_LIMIT_PER_HOUR))
			.withHeader("X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + retryAfter))
			.withHeader("X-RateLimit-Rule", SeedData.stableId("sys_rate_limit_rules", "Table API"));
	}

	private static SimResponse transactionCancelled() {
		return SimResponse.error(500, "Transaction cancelled: maximum execution time exceeded",
				"Transaction cancelled: maximum execution time exceeded Check logs for error trace or enable"
						+ " glide.rest.debug property to verify REST request processing");
	}

	/**
	 * The quota rule cancelled the transaction while the answer was being written: a cut
	 * body, then an error.
	 */
	private static SimResponse truncated(SimResponse complete) {
		String text = complete.bodyText();
		String cut = text.substring(0, text.length() / 2)
				+ ",\"error\":{\"message\":\"Transaction cancelled: maximum execution time exceeded\",\"detail\":null},\"status\":\"failure\"}";
		return new SimResponse(200, complete.headers(), SimResponse.JSON, cut.getBytes(StandardCharsets.UTF_8));
	}

	private void record(SimRequest request, SimResponse answer, Fault fault, List<String> warnings) {
		warnings.stream()
			.filter(warning -> warning.startsWith("DANGEROUS"))
			.forEach(warning -> log.warn("ServiceNow simulator: {} {}: {}", request.method(), request.path(), warning));
		simulator.log(new RequestLogEntry(clock.instant(), request.method(), request.path(),
				loggableQuery(request.rawQuery()), answer.status(), fault, warnings));
		log.debug("ServiceNow simulator answered {} {} with {}{}", request.method(), request.path(), answer.status(),
				fault == null ? "" : " (injected " + fault + ")");
	}

	private static String loggableQuery(String rawQuery) {
		if (rawQuery == null) {
			return "";
		}
		String decoded;
		try {
			decoded = URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			decoded = rawQuery;
		}
		return mayCompareASecret(decoded) ? SECRET_IN_QUERY.matcher(decoded).replaceAll("$1***") : decoded;
	}

	/**
	 * Whether a secret's name stands right before something that may be an operator (=,
	 * !=, LIKE, STARTSWITH, ENDSWITH, IN): only then can {@link #SECRET_IN_QUERY} match.
	 * Most queries name none (or only a field such as password_needs_reset) and are
	 * spared the pattern's search at every position.
	 */
	static boolean mayCompareASecret(String query) {
		String lower = query.toLowerCase(Locale.ROOT);
		for (String name : List.of("password", "client_secret")) {
			for (int at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
				int next = at + name.length();
				if (next == lower.length() || "=!lsei".indexOf(lower.charAt(next)) >= 0) {
					return true;
				}
			}
		}
		return false;
	}

	private String instanceUrl(HttpServletRequest http) {
		if (configuredInstanceUrl != null) {
			return configuredInstanceUrl;
		}
		String scheme = http.getScheme();
		int port = http.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + http.getServerName() + (defaultPort ? "" : ":" + port) + http.getContextPath()
				+ ServiceNowSimulator.PATH_PREFIX;
	}

	private static void write(HttpServletResponse response, SimResponse answer) {
		try {
			response.setStatus(answer.status());
			for (Map.Entry<String, String> header : answer.headers().entrySet()) {
				response.setHeader(header.getKey(), header.getValue());
			}
			if (answer.body() != null) {
				response.setContentType(answer.contentType());
				response.setContentLength(answer.body().length);
				response.getOutputStream().write(answer.body());
			}
			response.flushBuffer();
		}
		catch (IOException clientGone) {
			// Expected after an injected timeout: the client stopped waiting long ago.
			log.debug("ServiceNow simulator could not deliver a {} answer: {}", answer.status(),
					clientGone.getMessage());
		}
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
