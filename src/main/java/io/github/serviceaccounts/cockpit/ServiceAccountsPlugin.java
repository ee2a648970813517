package io.github.serviceaccounts.cockpit;

import java.util.Set;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin "Service accounts": the inventory of accounts and each account's
 * story, inside Cockpit. Camunda finds it through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}; its script
 * is {@code plugin-webapp/serviceAccounts/app/plugin.js}, its API lives under
 * {@code /camunda/api/cockpit/plugin/serviceAccounts/default/accounts}.
 */
public class ServiceAccountsPlugin extends AbstractCockpitPlugin {

	static final String ID = "serviceAccounts";

	@Override
	public String getId() {
		return ID;
	}

	@Override
	public Set<Class<?>> getResourceClasses() {
		return Set.of(Root.class);
	}

	/** The plugin's root: its assets, and the API of each engine. */
	@Path("plugin/" + ID)
	public static class Root extends AbstractCockpitPluginRootResource {

		public Root() {
			super(ID);
		}

		@Path("{engineName}")
		public AccountsResource engine(@PathParam("engineName") String engineName) {
			return subResource(new AccountsResource(engineName), engineName);
		}

	}

}
