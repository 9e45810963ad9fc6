package address_test

import (
	"slices"
	"testing"

	"github.com/trustportal/trustportal/generator/address"
	"github.com/trustportal/trustportal/generator/model"
)

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		a    model.Address
		lang model.Lang
		want []string
	}{
		{"Germany: postal code first", model.Address{Street: "Hafenstraße 12", PostalCode: "20457", City: "Hamburg", Country: "DE"}, model.DE,
			[]string{"Hafenstraße 12", "20457 Hamburg", "Deutschland"}},
		{"United States: city, state and ZIP code", model.Address{Street: "20 Valley Blvd", PostalCode: "91789", City: "Walnut", Region: "CA", Country: "US"}, model.EN,
			[]string{"20 Valley Blvd", "Walnut, CA 91789", "United States"}},
		{"United States without a state", model.Address{Street: "1 Main St", PostalCode: "94105", City: "San Francisco", Country: "US"}, model.EN,
			[]string{"1 Main St", "San Francisco 94105", "United States"}},
		{"United Kingdom: postcode on its own line", model.Address{Street: "27 Clerkenwell Close", PostalCode: "EC1R 0AT", City: "London", Country: "GB"}, model.EN,
			[]string{"27 Clerkenwell Close", "London", "EC1R 0AT", "United Kingdom"}},
		{"Canada: city, province, postal code", model.Address{Street: "1 Front St W", PostalCode: "M5J 2X5", City: "Toronto", Region: "ON", Country: "CA"}, model.EN,
			[]string{"1 Front St W", "Toronto ON M5J 2X5", "Canada"}},
		{"Italy: region after the city", model.Address{Street: "Via Roma 1", PostalCode: "00144", City: "Roma", Region: "RM", Country: "IT"}, model.DE,
			[]string{"Via Roma 1", "00144 Roma RM", "Italien"}},
		{"no postal code", model.Address{Street: "Main Road 4", City: "Dublin 2", Country: "IE"}, model.EN,
			[]string{"Main Road 4", "Dublin 2", "Ireland"}},
		{"country only", model.Address{Country: "NL"}, model.DE, []string{"Niederlande"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := address.Lines(tt.a, tt.lang); !slices.Equal(got, tt.want) {
				t.Errorf("Lines = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	a := model.Address{Street: "20 Valley Blvd", PostalCode: "91789", City: "Walnut", Region: "CA", Country: "US"}
	if got, want := address.OneLine(a, model.DE), "20 Valley Blvd, Walnut, CA 91789, Vereinigte Staaten"; got != want {
		t.Errorf("OneLine = %q, want %q", got, want)
	}
}
