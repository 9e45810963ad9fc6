package model

// Requirements are the elements of Art. 28(3) GDPR (and Art. 33(2)) that a
// clause or sub-clause can be tagged with in its front matter, fulfils =
// ["art28-3-b"]: the tags package validate accepts and package legal checks,
// in the order of the article (docs/legal-checks.md). Released clause files
// keep their tags: a tag is never renamed or removed, only new ones added.
var Requirements = []string{
	// The first sentence of Art. 28(3): what the contract sets out.
	"art28-3-subject",       // subject matter of the processing
	"art28-3-duration",      // duration of the processing
	"art28-3-nature",        // nature of the processing
	"art28-3-purpose",       // purpose of the processing
	"art28-3-data-types",    // type of personal data
	"art28-3-data-subjects", // categories of data subjects
	"art28-3-controller",    // obligations and rights of the controller
	// Its points (a) to (h) and the second subparagraph.
	"art28-3-a",           // documented instructions
	"art28-3-a-transfers", // … also on transfers to a third country
	"art28-3-b",           // confidentiality of the authorised persons
	"art28-3-c",           // security of processing (Art. 32)
	"art28-3-d-2",         // sub-processing: authorisation, changes, objection (Art. 28(2))
	"art28-3-d-4",         // sub-processing: same obligations flowed down, liability (Art. 28(4))
	"art28-3-e",           // assistance with data subjects' rights
	"art28-3-f",           // assistance with Art. 32 to 36
	"art28-3-g",           // deletion or return at the end
	"art28-3-h",           // information and audits
	"art28-3-h-2",         // informing of instructions that infringe the law
	"art33-2",             // breach notification without undue delay
}

// ProcessingFacts are the requirements that the details of the processing
// meet: data/processing.toml's facts, or the processing_clause of
// data/dpa.toml as a whole. The controller's rights and obligations are not
// among them: a clause states those.
var ProcessingFacts = []string{"art28-3-subject", "art28-3-duration", "art28-3-nature", "art28-3-purpose",
	"art28-3-data-types", "art28-3-data-subjects"}
