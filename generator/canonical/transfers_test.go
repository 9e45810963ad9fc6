package canonical

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestTransferFacts: the canonical text states what a transfer rests on
// where [subprocessor.transfer] gives it, and nothing where it does not.
func TestTransferFacts(t *testing.T) {
	d, s := minimal(t)
	monitor := &d.Subprocessors.List[1]
	monitor.Transfer = model.Transfer{DPFListing: "https://www.dataprivacyframework.gov/list/participant/4711", TIADate: model.NewDate(2025, 6, 30), TIAReference: "TIA-2025-07"}
	relay := *monitor
	relay.ID, relay.Name, relay.Safeguard = "relay", "Relay Ltd", model.SafeguardSCC
	relay.Transfer = model.Transfer{SCCDecision: "2021/914", SCCModule: 3}
	bcr := relay
	bcr.ID, bcr.Name, bcr.Safeguard = "group", "Group Services Pvt Ltd", model.SafeguardBCR
	bcr.Transfer = model.Transfer{BCRReference: "BCR-P approved on 2024-03-01, ref. 17"}
	d.Subprocessors.List = append(d.Subprocessors.List, relay, bcr)
	wants := map[model.Lang][]string{
		model.EN: {
			"Transfer details: Entry in the Data Privacy Framework List: https://www.dataprivacyframework.gov/list/participant/4711; Transfer impact assessment of 30 June 2025, TIA-2025-07",
			"Transfer details: Standard contractual clauses under Decision (EU) 2021/914, Module 3 (processor to processor)",
			"Transfer details: Approved binding corporate rules: BCR-P approved on 2024-03-01, ref. 17",
		},
		model.DE: {
			"Übermittlungsgrundlage im Einzelnen: Eintrag in der Data Privacy Framework List: https://www.dataprivacyframework.gov/list/participant/4711; Bewertung der Übermittlungsfolgen (Transfer Impact Assessment) vom 30. Juni 2025, TIA-2025-07",
			"Übermittlungsgrundlage im Einzelnen: Standardvertragsklauseln nach Beschluss (EU) 2021/914, Modul 3 (Auftragsverarbeiter an Auftragsverarbeiter)",
		},
	}
	for _, lang := range model.DefaultLanguages {
		text, err := Text(d, "subprocessors", lang, Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}, s)
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range wants[lang] {
			if !strings.Contains(flat, want) {
				t.Errorf("%s: the text lacks %q", lang, want)
			}
		}
		// the first subprocessor, in the EU, has no transfer
		hoster := flat[:strings.Index(flat, "Monitor Inc.")]
		if strings.Contains(hoster, "Transfer details") || strings.Contains(hoster, "Übermittlungsgrundlage") {
			t.Errorf("%s: a subprocessor without transfer states transfer details", lang)
		}
		testportal.Golden(t, filepath.Join("testdata", "transfers-subprocessors."+string(lang)+".txt"), text, *update)
	}
}
