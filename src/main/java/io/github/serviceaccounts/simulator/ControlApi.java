package io.github.serviceaccounts.simulator;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * State, faults, reset and bulk seeding over HTTP, for benchmarks and manual tests
 * driving the simulator from outside. An owner leaving is simulated through the Table API
 * itself, as the integration user: {@code PATCH sys_user/<id>} with
 * {@code {"active":"false"}}, or {@code DELETE sys_user/<id>}.
 */
final class ControlApi {

	/** Body of POST /faults/next. */
	record ScriptedFault(int count, Fault fault, String method, String table) {
	}

	private final ServiceNowSimulator simulator;

	ControlApi(ServiceNowSimulator simulator) {
		this.simulator = simulator;
	}

	static boolean handles(String path) {
		return switch (path) {
			case "/state", "/faults", "/faults/next", "/reset", "/seed-accounts" -> true;
			default -> false;
		};
	}

	SimResponse handle(SimRequest request) {
		String route = request.method() + " " + request.path();
		try {
			return switch (route) {
				case "GET /state" -> SimResponse.json(200, simulator.state());
				case "GET /faults" -> SimResponse.json(200, simulator.faults().plan());
				case "PUT /faults" -> {
					FaultPlan plan = SimulatorJson.MAPPER.readValue(body(request), FaultPlan.class);
					simulator.faults().configure(plan);
					yield SimResponse.json(200, plan);
				}
				case "DELETE /faults" -> {
					simulator.faults().clear();
					yield SimResponse.empty(204);
				}
				case "POST /faults/next" -> {
					ScriptedFault scripted = SimulatorJson.MAPPER.readValue(body(request), ScriptedFault.class);
					simulator.faults()
						.failNext(scripted.count(), scripted.fault(), scripted.method(), scripted.table());
					yield SimResponse.empty(204);
				}
				case "POST /seed-accounts" -> {
					AccountSeed seed = SimulatorJson.MAPPER.readValue(body(request), AccountSeed.class);
					yield SimResponse.json(200, simulator.seedAccounts(seed));
				}
				case "POST /reset" -> {
					simulator.reset();
					yield SimResponse.empty(204);
				}
				default -> SimResponse.error(405, "Method not Supported",
						request.method() + " is not supported on " + request.path());
			};
		}
		catch (IllegalArgumentException | IOException e) {
			Throwable cause = e;
			while (cause instanceof JsonMappingException && cause.getCause() != null) {
				cause = cause.getCause();
			}
			return SimResponse.error(400, "Invalid request to " + request.path(), cause.getMessage());
		}
	}

	private static byte[] body(SimRequest request) throws IOException {
		if (request.body() == null || request.body().length == 0) {
			throw new IOException("The request body is empty");
		}
		return request.body();
	}

}
