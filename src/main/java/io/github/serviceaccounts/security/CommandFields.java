package io.github.serviceaccounts.security;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * Reads what a command of the engine carries (its task id, its variables, ...). The
 * engine keeps these in protected fields without getters. A field that cannot be read (a
 * Camunda upgrade renamed it) refuses the command: the guard fails closed, and
 * EngineGuardTests name the field that broke.
 */
final class CommandFields {

	private CommandFields() {
	}

	static <T> T read(Object command, String name, Class<T> type) {
		for (Class<?> owner = command.getClass(); owner != null; owner = owner.getSuperclass()) {
			try {
				Field field = owner.getDeclaredField(name);
				field.setAccessible(true);
				Object value = field.get(command);
				if (value != null && !type.isInstance(value)) {
					break;
				}
				return type.cast(value);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				break;
			}
		}
		throw new AuthorizationException("Refused: the engine guard cannot read '" + name + "' of "
				+ command.getClass().getSimpleName() + ", so it cannot check the command");
	}

}
