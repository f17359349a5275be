package org.certflow.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param nodeId this node's name as the owner of the jobs it takes ({@code CERTFLOW_NODE_ID}): the same across
 *               restarts, different for every node running at the same time; empty: host name and server port
 */
@ConfigurationProperties("certflow")
public record NodeProperties(@DefaultValue("") String nodeId) {
}
