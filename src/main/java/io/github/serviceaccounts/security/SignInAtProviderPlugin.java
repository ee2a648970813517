package io.github.serviceaccounts.security;

import java.util.Set;

import jakarta.ws.rs.Path;

import org.camunda.bpm.admin.plugin.spi.impl.AbstractAdminPlugin;
import org.camunda.bpm.admin.resource.AbstractAdminPluginRootResource;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

/**
 * A web app plugin for Tasklist, Cockpit and Admin: when people sign in at the OpenID
 * provider ({@link OidcSignIn}), the web apps' login page would show Camunda's password
 * form, which does not work there (after the sign-out button, or when the session has
 * expired). The plugin's script ({@code plugin-webapp/signInAtProvider/app/plugin.js})
 * asks the server where to sign in and, when the answer names the provider's way in,
 * opens the web app again instead, which leads there. With Camunda's own users it does
 * nothing.
 * <p>
 * Camunda finds each web app's plugin through {@code META-INF/services}; each serves the
 * script through a root resource of its own.
 */
public final class SignInAtProviderPlugin {

	static final String ID = "signInAtProvider";

	private SignInAtProviderPlugin() {
	}

	public static class ForTasklist extends AbstractTasklistPlugin {

		@Override
		public String getId() {
			return ID;
		}

		@Override
		public Set<Class<?>> getResourceClasses() {
			return Set.of(TasklistAssets.class);
		}

	}

	@Path("plugin/" + ID)
	public static class TasklistAssets extends AbstractTasklistPluginRootResource {

		public TasklistAssets() {
			super(ID);
		}

	}

	public static class ForCockpit extends AbstractCockpitPlugin {

		@Override
		public String getId() {
			return ID;
		}

		@Override
		public Set<Class<?>> getResourceClasses() {
			return Set.of(CockpitAssets.class);
		}

	}

	@Path("plugin/" + ID)
	public static class CockpitAssets extends AbstractCockpitPluginRootResource {

		public CockpitAssets() {
			super(ID);
		}

	}

	public static class ForAdmin extends AbstractAdminPlugin {

		@Override
		public String getId() {
			return ID;
		}

		@Override
		public Set<Class<?>> getResourceClasses() {
			return Set.of(AdminAssets.class);
		}

	}

	@Path("plugin/" + ID)
	public static class AdminAssets extends AbstractAdminPluginRootResource {

		public AdminAssets() {
			super(ID);
		}

	}

}
