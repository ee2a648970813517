package io.github.serviceaccounts.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.serviceaccounts.ServiceAccountsApplication;

import org.springframework.boot.SpringApplication;

/**
 * Single sign-on on this machine, with no identity provider at hand: starts the tests'
 * OpenID provider ({@link TestOpenIdProvider}, Spring Authorization Server) with the demo
 * people alice, bob, carol and admin (password {@code demo}), then the application in
 * {@code serviceaccounts.identity.mode=oidc}, signing in there and taking its bearer
 * tokens at {@code /engine-rest} and the actuator. Test code only: the provider's library
 * is a test dependency.
 * <p>
 * {@code mvn spring-boot:test-run} runs it (provider on 127.0.0.1:9000, application on
 * localhost:8080;
 * {@code -Dspring-boot.run.arguments="--provider-port=9100 --server.port=9090"} for
 * others; other arguments go to the application). With {@code --provider-only} it starts
 * only the provider, for an application started elsewhere on {@code --app-port}: the
 * browser journeys do that.
 */
final class SignInDemo {

	private SignInDemo() {
	}

	public static void main(String[] args) {
		int providerPort = option(args, "--provider-port", 9000);
		boolean providerOnly = Arrays.asList(args).contains("--provider-only");
		TestOpenIdProvider provider = TestOpenIdProvider.start(providerPort, "demo");
		int appPort = option(args, providerOnly ? "--app-port" : "--server.port", 8080);
		provider.registerApplication(appPort);
		System.out.println("OpenID provider ready at " + provider.issuer() + " for the application on localhost:"
				+ appPort + "; people: alice, bob, carol, admin (password demo)");
		if (providerOnly) {
			return;
		}
		List<String> settings = new ArrayList<>(List.of(provider.applicationSettings()));
		settings.addAll(List.of(TestOpenIdProvider.GROUP_MAPPING));
		settings.add("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer());
		settings.add("spring.security.oauth2.resourceserver.jwt.audiences=" + TestOpenIdProvider.AUDIENCE);
		settings.add("server.port=" + appPort);
		List<String> arguments = new ArrayList<>(settings.stream().map(setting -> "--" + setting).toList());
		Arrays.stream(args).filter(arg -> !arg.startsWith("--provider-")).forEach(arguments::add);
		SpringApplication.run(ServiceAccountsApplication.class, arguments.toArray(String[]::new));
	}

	private static int option(String[] args, String name, int otherwise) {
		for (String arg : args) {
			if (arg.startsWith(name + "=")) {
				return Integer.parseInt(arg.substring(name.length() + 1));
			}
		}
		return otherwise;
	}

}
