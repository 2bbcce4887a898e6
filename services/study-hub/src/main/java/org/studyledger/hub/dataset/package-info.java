/** The ADaM-style analysis dataset (ADSL, ADQS, ADEX): pure derivations, the "analysis-dataset" projection and its JSON/CSV query. */
package org.studyledger.hub.dataset;
