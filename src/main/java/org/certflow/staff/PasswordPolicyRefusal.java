package org.certflow.staff;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The engine refuses a password against its policy with a plain {@link ProcessEngineException}, which its REST API
 * answers as a server error (500). A refused password is the client's mistake: {@code /engine-rest} answers 400 with
 * the engine's message; every other engine exception keeps Camunda's own answer.
 */
@Component
class PasswordPolicyRefusal implements ResourceConfigCustomizer {

    /** The engine's message for a password its policy refuses (SaveUserCmd). */
    static final String POLICY_MESSAGE = "Password does not match policy";

    @Override
    public void customize(ResourceConfig config) {
        config.register(Mapper.class);
    }

    @Priority(1)
    static final class Mapper implements ExceptionMapper<ProcessEngineException> {

        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

        @Override
        public Response toResponse(ProcessEngineException exception) {
            Response response = camunda.toResponse(exception);
            if (POLICY_MESSAGE.equals(exception.getMessage())) {
                return Response.fromResponse(response).status(Response.Status.BAD_REQUEST).build();
            }
            return response;
        }
    }
}
