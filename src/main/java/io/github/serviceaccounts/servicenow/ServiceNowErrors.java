package io.github.serviceaccounts.servicenow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Turns a non-success answer into the exception a caller can act on: refused (a person
 * must act), transient (try again later) or rate limited (try again after the given
 * time). Messages name the operation, the status and what ServiceNow said; the response
 * body itself is never copied into them.
 */
final class ServiceNowErrors {

	private static final int MAX_SHOWN = 300;

	private ServiceNowErrors() {
	}

	/**
	 * @param scrub applied to ServiceNow's message and detail before they are used, so
	 * that a secret the server echoes back (a password in a policy message) cannot reach
	 * a log
	 * @param refusalHint what an operator should check when the answer is a refusal, or
	 * {@code null} for the Table API's usual hints
	 */
	static ServiceNowException failure(String operation, int status, HttpHeaders headers, byte[] body, Clock clock,
			UnaryOperator<String> scrub, String refusalHint) {
		ErrorBody error = ErrorBody.of(body, scrub);
		String said = summary(error.message(), error.detail());
		if (status == 429) {
			Optional<Duration> retryAfter = retryAfter(headers, clock);
			String when = retryAfter.map(d -> " ServiceNow asks to retry after " + d.toSeconds() + " s.")
				.orElse(" ServiceNow gave no retry time (a full request queue answers like this).");
			return new ServiceNowRateLimitedException(operation,
					operation + " was rate limited by ServiceNow (HTTP 429): " + said + "." + when,
					retryAfter.orElse(null));
		}
		if (status >= 200 && status < 300) {
			// 202 comes when requests that share a session are queued; no other 2xx is
			// expected here.
			return new ServiceNowTransientException(operation, status, operation + " got HTTP " + status
					+ " without a result; ServiceNow may have queued the request, retry later.");
		}
		if (status == 408 || status >= 500) {
			return new ServiceNowTransientException(operation, status,
					operation + " failed on the ServiceNow side (HTTP " + status + "): " + said
							+ ". This is usually temporary; a write may still have been committed, "
							+ "so look the record up before repeating it.");
		}
		String hint = (refusalHint != null) ? refusalHint : tableApiHint(status, headers, error);
		return new ServiceNowRefusedException(operation, status, error.message(), error.detail(),
				operation + " was refused by ServiceNow (HTTP " + status + "): " + said + ". " + hint);
	}

	private static String tableApiHint(int status, HttpHeaders headers, ErrorBody error) {
		if (status >= 300 && status < 400) {
			return "The Table API does not redirect; check servicenow.base-url (redirected to "
					+ headers.getFirst(HttpHeaders.LOCATION) + ").";
		}
		if (error.message() == null && (status == 400 || status == 404)) {
			return "The answer did not come from the Table API; check servicenow.base-url.";
		}
		return switch (status) {
			case 400 -> "The request was not understood; check servicenow.base-url and the table name.";
			case 401 -> "Check the ServiceNow credentials (servicenow.username and servicenow.password, "
					+ "or servicenow.oauth.client-id and servicenow.oauth.client-secret).";
			case 403 -> "A business rule, data policy, uniqueness check or ACL stopped it, "
					+ "or the integration account lacks a role such as user_admin.";
			case 404 -> "The record does not exist or an ACL hides it from the integration account.";
			default -> "Repeating the request will not help.";
		};
	}

	/**
	 * {@code "message: detail"}, either part optional, shortened so an incident stays
	 * readable.
	 */
	static String summary(String message, String detail) {
		boolean hasMessage = message != null && !message.isBlank();
		boolean hasDetail = detail != null && !detail.isBlank() && !detail.equals(message);
		if (!hasMessage && !hasDetail) {
			return "no error message from ServiceNow";
		}
		if (!hasDetail) {
			return shorten(message);
		}
		return hasMessage ? shorten(message) + ": " + shorten(detail) : shorten(detail);
	}

	private static String shorten(String text) {
		String oneLine = text.strip().replaceAll("\\s+", " ");
		return (oneLine.length() <= MAX_SHOWN) ? oneLine : oneLine.substring(0, MAX_SHOWN) + "...";
	}

	/**
	 * {@code Retry-After} (seconds or an HTTP date), else {@code X-RateLimit-Reset} (Unix
	 * seconds) minus now.
	 */
	static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter != null && !retryAfter.isBlank()) {
			try {
				return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(retryAfter.trim()))));
			}
			catch (NumberFormatException notSeconds) {
				try {
					Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
						.toInstant();
					return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
				}
				catch (DateTimeParseException notADate) {
					// fall through to X-RateLimit-Reset
				}
			}
		}
		String reset = headers.getFirst("X-RateLimit-Reset");
		if (reset != null && !reset.isBlank()) {
			try {
				Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
				return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
			}
			catch (NumberFormatException ignored) {
				// an unreadable header says nothing about when to retry
			}
		}
		return Optional.empty();
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	/**
	 * ServiceNow's error body:
	 * {@code {"error":{"message":..,"detail":..},"status":"failure"}} from the Table API,
	 * {@code {"error":"server_error","error_description":..}} from
	 * {@code /oauth_token.do}.
	 */
	record ErrorBody(String message, String detail) {

		static ErrorBody of(byte[] body, UnaryOperator<String> scrub) {
			JsonNode root;
			try {
				root = ServiceNowJson.parse(body);
			}
			catch (JsonProcessingException notJson) {
				// Proxies and load balancers answer with HTML; there is nothing from
				// ServiceNow to show.
				return new ErrorBody(null, null);
			}
			return of(root, scrub);
		}

		static ErrorBody of(JsonNode root, UnaryOperator<String> scrub) {
			JsonNode error = root.path("error");
			if (error.isObject()) {
				return new ErrorBody(textOrNull(error.get("message"), scrub), textOrNull(error.get("detail"), scrub));
			}
			if (error.isTextual()) {
				return new ErrorBody(textOrNull(error, scrub), textOrNull(root.get("error_description"), scrub));
			}
			return new ErrorBody(null, null);
		}

		private static String textOrNull(JsonNode node, UnaryOperator<String> scrub) {
			return (node == null || node.isNull() || !node.isValueNode()) ? null : scrub.apply(node.asText());
		}
	}

}
